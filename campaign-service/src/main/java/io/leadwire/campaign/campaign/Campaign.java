package io.leadwire.campaign.campaign;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

import io.leadwire.common.context.Environment;
import io.leadwire.common.context.TenantScope;

/**
 * A WhatsApp campaign of one tenant (API.md §6): who gets it ({@code recipientSource}
 * with {@code customRecipients} or {@code filter}), what ({@code messageContent}), from
 * which session, how fast ({@code strategy}, {@code ratePerMinute},
 * {@code antiBanEnabled}) and when ({@code scheduledAt}). {@code version} rises with
 * every write (ETag, If-Match). {@code sessionRatePerMinute} is the session's rate when
 * the campaign was launched.
 */
@Document("campaigns")
@CompoundIndexes({ @CompoundIndex(name = "scope_id", def = "{'tenantId': 1, 'environment': 1, '_id': -1}"),
		@CompoundIndex(name = "due", def = "{'status': 1, 'scheduledAt': 1}"),
		@CompoundIndex(name = "session_status", def = "{'gatewaySessionId': 1, 'status': 1}") })
record Campaign(@Id long id, long tenantId, Environment environment, String name, String description,
		String gatewayType, long gatewaySessionId, RecipientSource recipientSource, List<String> customRecipients,
		RecipientFilter filter, MessageContent messageContent, Strategy strategy, int ratePerMinute,
		boolean antiBanEnabled, Instant scheduledAt, CampaignStatus status, String pauseReason, long version,
		Instant createdAt, Instant updatedAt, Instant launchedAt, Instant finishedAt, boolean frozen, Audience audience,
		Integer sessionRatePerMinute) {

	TenantScope scope() {
		return new TenantScope(this.tenantId, this.environment);
	}

	/**
	 * Which contacts a {@code groups} campaign reaches; lead filters for {@code leads}.
	 */
	record RecipientFilter(List<Long> groupIds, List<Long> contactIds, List<String> leadStatus) {
	}

	/**
	 * Who a launched campaign reached when its recipients were frozen: {@code recipients}
	 * to send to (opted-out ones apart), and those left out.
	 */
	record Audience(long recipients, long optedOut, long duplicates, long invalid) {
	}

}
