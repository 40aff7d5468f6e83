package io.leadwire.webhooks.delivery;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * A webhook message as the API shows it.
 *
 * @param id the message: every attempt's {@code webhook-id}
 * @param endpointId where it goes
 * @param status {@code pending}, {@code delivered} or {@code failed} (dead-lettered:
 * replay it with {@code POST /v1/webhooks/messages/{id}/replay})
 * @param attempts attempts made in this round ({@code round} counts replays)
 * @param nextAttemptAt when it is tried next, while pending
 * @param lastStatusCode the last attempt's HTTP status (none: no answer came)
 * @param lastError why the last attempt failed ({@code timeout},
 * {@code connection_failed}, {@code HTTP 500}, {@code endpoint_disabled}, …)
 * @param payload the body exactly as it is signed and sent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageView(long id, long endpointId, String eventType, String status, int attempts, int round,
		Instant nextAttemptAt, Integer lastStatusCode, String lastError, Instant deliveredAt, Instant createdAt,
		Instant updatedAt, @JsonRawValue String payload) {

	static MessageView of(WebhookMessage message) {
		return new MessageView(message.id(), message.endpointId(), message.eventType(), message.status(),
				message.attempts(), message.round(),
				WebhookMessage.PENDING.equals(message.status()) ? message.nextAttemptAt() : null,
				message.lastStatusCode(), message.lastError(), message.deliveredAt(), message.createdAt(),
				message.updatedAt(), message.payload());
	}

}
