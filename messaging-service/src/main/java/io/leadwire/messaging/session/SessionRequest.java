package io.leadwire.messaging.session;

/**
 * {@code {name, provider?, ratePerMinute?}}: the provider defaults to the platform's
 * ({@code sandbox} locally); test keys always get the sandbox.
 */
record SessionRequest(String name, String provider, Integer ratePerMinute) {
}
