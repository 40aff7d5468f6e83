package io.leadwire.campaign.recipients;

import java.time.Instant;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

import io.leadwire.common.context.Environment;

/**
 * One frozen recipient of a campaign: its number (E.164; the id
 * {@code <campaignId>:<phone>} makes a number one recipient however often the selection
 * names it), its place in the campaign ({@code seq}) and its personalised message, fixed
 * at launch so later edits to contacts change nothing. {@code state}: see
 * {@link RecipientState}; a skipped one has its {@code reason} ({@code opted_out},
 * {@code invalid}). {@code statusRank} and the times record how far its message got (sent
 * 1, delivered 2, read 3, failed 4).
 */
@Document("campaign_recipients")
@CompoundIndexes({ @CompoundIndex(name = "campaign_seq", def = "{'campaignId': 1, 'seq': 1}"),
		@CompoundIndex(name = "campaign_state", def = "{'campaignId': 1, 'state': 1, 'seq': 1}"),
		// Pending recipients held for their sending window, read by range of heldUntil
		// (RecipientStore.held, on every campaign view) instead of every pending one.
		@CompoundIndex(name = "campaign_state_held", def = "{'campaignId': 1, 'state': 1, 'heldUntil': 1}") })
public record CampaignRecipient(@Id String id, long campaignId, long tenantId, Environment environment, long seq,
		String phone, String input, Long contactId, String name, String text, String mediaUrl, RecipientState state,
		String reason, Long messageId, Instant updatedAt, Integer statusRank, Instant sentAt, Instant deliveredAt,
		Instant readAt, Instant failedAt, String error, Map<String, String> parameters) {

	public static String idOf(long campaignId, String phone) {
		return campaignId + ":" + phone;
	}

}
