package io.leadwire.messaging.session;

/**
 * {@code {name, provider?, ratePerMinute?}}: the provider defaults to the platform's
 * ({@code sandbox} locally); test keys always get the sandbox. A {@code cloud} session
 * also gives its Meta account: {@code wabaId}, {@code phoneNumberId} and
 * {@code accessToken} (stored sealed, never returned). A sandbox session (test keys)
 * asked for as {@code cloud} plays a Cloud API number, otherwise WAHA's phone.
 */
record SessionRequest(String name, String provider, Integer ratePerMinute, String wabaId, String phoneNumberId,
		String accessToken) {

	java.util.Map<String, String> account() {
		java.util.Map<String, String> account = new java.util.HashMap<>();
		if (this.wabaId != null) {
			account.put("wabaId", this.wabaId);
		}
		if (this.phoneNumberId != null) {
			account.put("phoneNumberId", this.phoneNumberId);
		}
		if (this.accessToken != null) {
			account.put("accessToken", this.accessToken);
		}
		return account;
	}

}
