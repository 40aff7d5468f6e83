package io.leadwire.webhooks.endpoint;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An endpoint as the API shows it: never its secrets' values, only when each was made
 * and, for the previous one of a rotation, until when it signs.
 *
 * @param id the endpoint
 * @param secret the new signing secret ({@code whsec_…}): only in the answer that made it
 * (create, rotate); keep it, it is not shown again
 * @param failingSince when deliveries started failing with none succeeding since
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointView(long id, String url, String description, List<String> eventTypes, boolean enabled,
		String disabledReason, Instant disabledAt, List<SecretView> secrets, Instant failingSince, long version,
		Instant createdAt, Instant updatedAt, String secret) {

	/**
	 * @param current whether it is the current secret (the other signs until
	 * {@code expiresAt})
	 */
	public record SecretView(boolean current, Instant createdAt, Instant expiresAt) {
	}

	static EndpointView of(Endpoint endpoint, String secret, Instant now) {
		return new EndpointView(endpoint.id(), endpoint.url(), endpoint.description(),
				(endpoint.eventTypes() != null) ? endpoint.eventTypes() : List.of(), endpoint.enabled(),
				endpoint.disabledReason(), endpoint.disabledAt(),
				endpoint.signingSecrets(now)
					.stream()
					.map((s) -> new SecretView(s.expiresAt() == null, s.createdAt(), s.expiresAt()))
					.toList(),
				endpoint.failingSince(), endpoint.version(), endpoint.createdAt(), endpoint.updatedAt(), secret);
	}

}
