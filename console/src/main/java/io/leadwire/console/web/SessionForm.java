package io.leadwire.console.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A new WhatsApp session: its name, the most messages a minute it sends and its provider
 * (blank: the platform's default; {@code waha}: a phone linked by its QR code;
 * {@code cloud}: a number of Meta's Cloud API, with its account's ids and access token).
 * With test data every session is the sandbox's, playing the provider asked for.
 */
record SessionForm(@NotBlank(message = "a session needs a name") @Size(max = 100) String name,
		@Min(value = 1, message = "at least 1 a minute") @Max(value = 6000,
				message = "at most 6000 a minute") Integer ratePerMinute,
		@Pattern(regexp = "|waha|cloud", message = "not a provider") String provider, @Size(max = 64) String wabaId,
		@Size(max = 64) String phoneNumberId, @Size(max = 1024) String accessToken) {

	static SessionForm empty() {
		return new SessionForm("", 20, "", "", "", "");
	}

	/** The API's body for {@code POST /v1/sessions}. */
	java.util.Map<String, Object> body() {
		java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
		body.put("name", this.name.strip());
		body.put("ratePerMinute", this.ratePerMinute);
		if (this.provider != null && !this.provider.isBlank()) {
			body.put("provider", this.provider);
		}
		if ("cloud".equals(this.provider)) {
			body.put("wabaId", blankToNull(this.wabaId));
			body.put("phoneNumberId", blankToNull(this.phoneNumberId));
			body.put("accessToken", blankToNull(this.accessToken));
		}
		body.values().removeIf(java.util.Objects::isNull);
		return body;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
