package io.leadwire.webhooks.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import io.leadwire.common.context.Environment;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One event for one endpoint: the unit that is delivered, retried, dead-lettered and
 * replayed. Its public id is the {@code webhook-id} of every attempt; {@code key}, made
 * from the endpoint and the event and unique, keeps an event redelivered by Kafka from
 * making a second message. {@code payload} is the body exactly as it is signed and sent.
 * <p>
 * {@code status}: {@code pending} (waiting for its {@code nextAttemptAt}, or in flight
 * while a replica holds its lease: {@code owner}, {@code leaseUntil}), {@code delivered},
 * or {@code failed} (dead-lettered: every attempt failed, or its endpoint was disabled).
 * {@code round} counts replays; {@code attempts} are this round's. Messages with the same
 * {@code orderKey} (one resource: a message, a session, a campaign, a phone) go to an
 * endpoint in their {@code sequence} order.
 */
@Document("webhook_messages")
@CompoundIndex(name = "due", def = "{'status': 1, 'nextAttemptAt': 1}")
@CompoundIndex(name = "order", def = "{'endpointId': 1, 'orderKey': 1, 'sequence': 1}")
@CompoundIndex(name = "list", def = "{'tenantId': 1, 'environment': 1, 'endpointId': 1, 'createdAt': -1}")
public record WebhookMessage(@Id long id, @Indexed(unique = true) String key, long tenantId, Environment environment,
		long endpointId, String eventType, String eventId, String orderKey, long sequence, String payload,
		String status, int attempts, int round, Instant nextAttemptAt, Integer lastStatusCode, String lastError,
		Instant deliveredAt, Instant createdAt, Instant updatedAt, String owner, Instant leaseUntil) {

	public static final String PENDING = "pending";

	public static final String DELIVERED = "delivered";

	public static final String FAILED = "failed";

	/**
	 * What makes the message of event {@code eventId} for endpoint {@code endpointId}
	 * unique: a second one is refused by the index.
	 */
	public static String keyOf(long endpointId, String eventId) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((endpointId + ":" + eventId).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A new message: pending now, or dead-lettered at once with {@code error} (its
	 * endpoint is disabled: it waits to be replayed).
	 */
	public static WebhookMessage of(long id, long tenantId, Environment environment, long endpointId, String eventType,
			String eventId, String orderKey, long sequence, String payload, Instant now, String error) {
		return new WebhookMessage(id, keyOf(endpointId, eventId), tenantId, environment, endpointId, eventType, eventId,
				orderKey, sequence, payload, (error == null) ? PENDING : FAILED, 0, 0, now, null, error, null, now, now,
				null, null);
	}

}
