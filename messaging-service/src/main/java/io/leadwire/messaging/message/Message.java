package io.leadwire.messaging.message;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

import io.leadwire.common.context.Environment;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.outbox.OutboxEvent;

/**
 * One message of the send log (outbound) or received (inbound). Its status only moves
 * forward ({@link MessageStatus}), each move kept in {@code statusHistory} with its event
 * in the outbox. {@code providerRef} ({@code <sessionId>:<unique part of the provider's
 * id>}) is unique: acks find their message by it, and an inbound message is stored once
 * however often its webhook is retried.
 *
 * @param content the type's fields as sent (media URL, caption, poll options…)
 * @param sendingAt set when a dispatcher hands the message to its provider: a message
 * found with it and still queued was interrupted mid-send, and is never sent again
 */
@Document("messages")
@CompoundIndexes({ @CompoundIndex(name = "provider_ref", def = "{'providerRef': 1}", unique = true, sparse = true),
		@CompoundIndex(name = "scope_id", def = "{'tenantId': 1, 'environment': 1, '_id': -1}"),
		@CompoundIndex(name = "scope_session_id", def = "{'tenantId': 1, 'environment': 1, 'sessionId': 1, '_id': -1}"),
		@CompoundIndex(name = "scope_campaign_id",
				def = "{'tenantId': 1, 'environment': 1, 'campaignId': 1, '_id': -1}"),
		@CompoundIndex(name = "scope_to_id", def = "{'tenantId': 1, 'environment': 1, 'to': 1, '_id': -1}"),
		@CompoundIndex(name = "scope_status_id", def = "{'tenantId': 1, 'environment': 1, 'status': 1, '_id': -1}"),
		// The dashboard's last hour (GET /v1/messages/activity).
		@CompoundIndex(name = "scope_created", def = "{'tenantId': 1, 'environment': 1, 'createdAt': -1}") })
public record Message(@Id long id, long tenantId, Environment environment, long sessionId, Long campaignId,
		String direction, String to, String from, String type, Map<String, Object> content, String status,
		int statusRank, List<StatusChange> statusHistory, String error, String providerRef, Instant sendingAt,
		Instant createdAt, Instant updatedAt, List<OutboxEvent> outbox) {

	public TenantScope scope() {
		return new TenantScope(this.tenantId, this.environment);
	}

	/** A status the message reached, and when. */
	public record StatusChange(String status, Instant at) {
	}

}
