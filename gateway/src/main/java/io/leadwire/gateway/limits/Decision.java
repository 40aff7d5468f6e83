package io.leadwire.gateway.limits;

/**
 * The outcome for the tightest limit of a request: what the {@code X-RateLimit-*} headers
 * say.
 *
 * @param resetEpochSeconds when the tightest limit is whole again
 * @param retryAfterSeconds for a refusal, when to try again
 */
public record Decision(boolean allowed, int limit, int remaining, long resetEpochSeconds, long retryAfterSeconds) {
}
