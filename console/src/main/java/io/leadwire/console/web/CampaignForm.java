package io.leadwire.console.web;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The campaign wizard: who (groups, leads by status, or a list of numbers), what (a text
 * with {@code {{name}}}-style variables, or one of the account's message templates: a
 * Cloud API number sends only those), how fast and when. {@code scheduledAt} is the
 * browser's {@code datetime-local}, read as UTC (the page says so); blank sends at
 * launch.
 */
record CampaignForm(@NotBlank(message = "a campaign needs a name") @Size(max = 200) String name,
		@NotBlank(message = "choose the WhatsApp session to send from") @Size(max = 64) String sessionId,
		@Pattern(regexp = "groups|leads|manual", message = "choose who receives it") String source,
		@Size(max = 100) List<@Size(max = 64) String> groupIds,
		@Size(max = 4) List<@Size(max = 20) String> leadStatuses, @Size(max = 200_000) String phones,
		@Size(max = 4096, message = "at most 4,096 characters") String text, @Size(max = 64) String templateId,
		@Pattern(regexp = "sequential|random|burst", message = "not a strategy") String strategy,
		@Min(value = 1, message = "at least 1 a minute") @Max(value = 6000,
				message = "at most 6000 a minute") Integer ratePerMinute,
		@Size(max = 40) String scheduledAt, @Size(max = 200) String etag) {

	static final List<String> LEAD_STATUSES = List.of("new", "contacted", "qualified", "unqualified");

	/** The API's field names and the form's they are shown beside. */
	static final Map<String, String> API_FIELDS = Map.ofEntries(Map.entry("name", "name"),
			Map.entry("gatewaySessionId", "sessionId"), Map.entry("recipientSource", "source"),
			Map.entry("source", "source"), Map.entry("filter.groupIds", "groupIds"),
			Map.entry("filter.leadStatus", "leadStatuses"), Map.entry("customRecipients", "phones"),
			Map.entry("messageContent.text", "text"), Map.entry("messageContent", "text"),
			Map.entry("messageContent.templateId", "templateId"), Map.entry("messageContent.type", "templateId"),
			Map.entry("strategy", "strategy"), Map.entry("ratePerMinute", "ratePerMinute"),
			Map.entry("scheduledAt", "scheduledAt"));

	static CampaignForm empty() {
		return new CampaignForm("", "", "groups", List.of(), List.of(), "", "Hi {{name}}, ", "", "sequential", 20, "",
				null);
	}

	/**
	 * The form of a campaign as the API shows it, for its edit ({@code etag}: as read).
	 */
	static CampaignForm of(tools.jackson.databind.JsonNode campaign, String etag) {
		String source = campaign.path("recipientSource").asString("groups");
		List<String> groups = new java.util.ArrayList<>();
		campaign.path("filter").path("groupIds").forEach((id) -> groups.add(id.asString()));
		List<String> statuses = new java.util.ArrayList<>();
		campaign.path("filter").path("leadStatus").forEach((status) -> statuses.add(status.asString()));
		List<String> phones = new java.util.ArrayList<>();
		campaign.path("customRecipients").forEach((phone) -> phones.add(phone.asString()));
		String at = campaign.path("scheduledAt").asString("");
		String local = "";
		if (!at.isBlank()) {
			try {
				local = java.time.Instant.parse(at).atOffset(ZoneOffset.UTC).toLocalDateTime().toString();
			}
			catch (DateTimeParseException ex) {
				local = "";
			}
		}
		return new CampaignForm(campaign.path("name").asString(""), campaign.path("gatewaySessionId").asString(""),
				source.equals("csv") ? "manual" : source, groups, statuses, String.join("\n", phones),
				campaign.path("messageContent").path("text").asString(""),
				campaign.path("messageContent").path("templateId").asString(""),
				campaign.path("strategy").asString("sequential"), campaign.path("ratePerMinute").asInt(20), local,
				etag);
	}

	/** The body of {@code POST /v1/campaigns}. */
	Map<String, Object> body() {
		Map<String, Object> body = new LinkedHashMap<>(recipients());
		body.put("name", this.name.strip());
		body.put("gateway_session_id", this.sessionId);
		body.put("message_content", content());
		body.put("strategy", this.strategy);
		body.put("rate_per_minute", this.ratePerMinute);
		String at = scheduledAtUtc();
		if (at != null) {
			body.put("scheduled_at", at);
		}
		body.values().removeIf(java.util.Objects::isNull);
		return body;
	}

	/** The body of {@code POST /v1/campaigns/preview-recipients}: counts and samples. */
	Map<String, Object> previewBody() {
		Map<String, Object> body = new LinkedHashMap<>(recipients());
		body.put("source", body.remove("recipient_source"));
		body.put("message_content", content());
		if (this.sessionId != null && !this.sessionId.isBlank()) {
			body.put("session_id", this.sessionId);
		}
		return body;
	}

	/** A chosen message template, else the text. */
	private Map<String, Object> content() {
		if (this.templateId != null && !this.templateId.isBlank()) {
			return Map.of("type", "template", "template_id", this.templateId);
		}
		return Map.of("type", "text", "text", (this.text != null) ? this.text : "");
	}

	private Map<String, Object> recipients() {
		Map<String, Object> body = new LinkedHashMap<>();
		String chosen = (this.source != null) ? this.source : "groups";
		body.put("recipient_source", chosen);
		switch (chosen) {
			case "groups" ->
				body.put("filter", Map.of("group_ids", (this.groupIds != null) ? this.groupIds : List.of()));
			case "leads" ->
				body.put("filter", Map.of("lead_status", (this.leadStatuses != null) ? this.leadStatuses : List.of()));
			default -> body.put("custom_recipients", phoneList());
		}
		return body;
	}

	List<String> phoneList() {
		return (this.phones == null) ? List.of()
				: Arrays.stream(this.phones.split("[\\s,;]+")).map(String::strip).filter((p) -> !p.isEmpty()).toList();
	}

	/**
	 * The schedule as the API takes it, or null to send at launch; unreadable: as typed.
	 */
	String scheduledAtUtc() {
		if (this.scheduledAt == null || this.scheduledAt.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(this.scheduledAt.strip()).atOffset(ZoneOffset.UTC).toInstant().toString();
		}
		catch (DateTimeParseException ex) {
			return this.scheduledAt.strip();
		}
	}

}
