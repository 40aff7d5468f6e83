package io.leadwire.campaign.campaign;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A campaign as the legacy examples write it ({@code gateway_type},
 * {@code gateway_session_id}, {@code recipient_source}, {@code custom_recipients},
 * {@code message_content}, {@code strategy}, {@code rate_per_minute},
 * {@code anti_ban_enabled}, {@code scheduled_at}, {@code sending_window}; camelCase too),
 * for create, {@code PUT} and {@code POST …/{id}} with {@code _method}. Presence-aware: a
 * field left out changes nothing on update, {@code null} clears it where it is optional.
 * Rules over values are {@link CampaignRules}'.
 */
record CampaignRequest(Optional<String> name, Optional<String> description, Optional<String> gatewayType,
		Optional<Long> gatewaySessionId, Optional<RecipientSource> recipientSource,
		Optional<List<String>> customRecipients, Optional<FilterRequest> filter,
		Optional<ContentRequest> messageContent, Optional<Strategy> strategy, Optional<Integer> ratePerMinute,
		Optional<Boolean> antiBanEnabled, Optional<String> scheduledAt, Optional<WindowRequest> sendingWindow,
		@JsonProperty("_method") String method) {

	/**
	 * {@code sending_window: {start: "08:00", end: "20:00"}} in the recipients' local
	 * time; null: the session's.
	 */
	record WindowRequest(String start, String end) {
	}

	record FilterRequest(List<Long> groupIds, List<Long> contactIds, List<String> leadStatus) {
	}

	/**
	 * {@code message} is the older name of {@code text}; {@code caption} of a media's.
	 */
	record ContentRequest(String type, String text, String message, String caption, String mediaUrl,
			Map<String, String> variables, Long templateId) {
	}

	/**
	 * {@code POST /v1/campaigns/preview-recipients}; with {@code message_content}, the
	 * preview also renders the message for its first recipients.
	 */
	record Preview(String source, RecipientSource recipientSource, FilterRequest filter, List<String> customRecipients,
			ContentRequest messageContent, Long sessionId) {
	}

}
