package io.leadwire.campaign.campaign;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse.FieldError;
import io.leadwire.common.net.AddressGuard;

/**
 * What a campaign must be, every broken rule named at once: a name (≤ 200), the gateway
 * {@code whatsapp} and a session; a recipient source with what it needs (a phone list of
 * 1 to {@value #MAX_PHONES} for {@code manual}/{@code csv}, groups (≤ 100) or contacts (≤
 * {@value #MAX_PHONES}) for {@code groups}, lead statuses for {@code leads}); a message
 * of a type campaigns send, its text (≤ 4,096) or media URL (http(s), not inside our
 * network: the platform's one SSRF guard); {@code ratePerMinute} 1–{@value #MAX_RATE};
 * {@code scheduledAt} in the future, ISO 8601 or {@code yyyy-MM-dd HH:mm:ss} (UTC when it
 * names no offset).
 */
final class CampaignRules {

	static final int MAX_PHONES = 10_000;

	static final int MAX_RATE = 6_000;

	static final int DEFAULT_RATE = 10;

	/** The statuses of leads-service's leads. */
	static final List<String> LEAD_STATUSES = List.of("new", "contacted", "qualified", "unqualified");

	private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");

	private CampaignRules() {
	}

	/** The fields of a new campaign; its status follows from {@code scheduledAt}. */
	static Fields create(CampaignRequest body, Instant now) {
		List<FieldError> errors = new ArrayList<>();
		for (String required : List.of("name", "gatewaySessionId", "recipientSource", "messageContent")) {
			if (missing(body, required)) {
				errors.add(new FieldError(required, "is required"));
			}
		}
		Fields fields = apply(Fields.defaults(), body, now, errors);
		return finish(fields, errors);
	}

	/** {@code current} with what {@code body} sends changed. */
	static Fields update(Fields current, CampaignRequest body, Instant now) {
		List<FieldError> errors = new ArrayList<>();
		return finish(apply(current, body, now, errors), errors);
	}

	private static Fields finish(Fields fields, List<FieldError> errors) {
		if (fields.recipientSource() != null && errors.stream().noneMatch((e) -> e.field().equals("recipientSource"))) {
			recipients(fields, errors);
		}
		if (!errors.isEmpty()) {
			throw ApiException.validation(errors);
		}
		return fields;
	}

	private static boolean missing(CampaignRequest body, String field) {
		Optional<?> value = switch (field) {
			case "name" -> body.name();
			case "gatewaySessionId" -> body.gatewaySessionId();
			case "recipientSource" -> body.recipientSource();
			default -> body.messageContent();
		};
		return value == null || value.isEmpty();
	}

	private static Fields apply(Fields f, CampaignRequest body, Instant now, List<FieldError> errors) {
		String name = f.name();
		if (body.name() != null) {
			name = text(errors, "name", body.name().orElse(null), 200, true);
		}
		String description = f.description();
		if (body.description() != null) {
			description = text(errors, "description", body.description().orElse(null), 2_000, false);
		}
		String gatewayType = f.gatewayType();
		if (body.gatewayType() != null) {
			gatewayType = body.gatewayType().map(String::strip).orElse("whatsapp");
			if (!gatewayType.equals("whatsapp")) {
				errors.add(new FieldError("gatewayType", "only \"whatsapp\""));
			}
		}
		Long session = f.gatewaySessionId();
		if (body.gatewaySessionId() != null) {
			session = body.gatewaySessionId().orElse(null);
			if (session == null) {
				errors.add(new FieldError("gatewaySessionId", "is required: the WhatsApp session to send from"));
			}
		}
		RecipientSource source = (body.recipientSource() != null) ? body.recipientSource().orElse(null)
				: f.recipientSource();
		List<String> phones = (body.customRecipients() != null) ? body.customRecipients().orElse(null)
				: f.customRecipients();
		Campaign.RecipientFilter filter = f.filter();
		if (body.filter() != null) {
			filter = body.filter()
				.map((r) -> new Campaign.RecipientFilter(r.groupIds(), r.contactIds(), r.leadStatus()))
				.orElse(null);
		}
		MessageContent content = f.messageContent();
		if (body.messageContent() != null) {
			content = content(errors, body.messageContent().orElse(null));
		}
		Strategy strategy = (body.strategy() != null) ? body.strategy().orElse(Strategy.SEQUENTIAL) : f.strategy();
		int rate = f.ratePerMinute();
		if (body.ratePerMinute() != null) {
			rate = body.ratePerMinute().orElse(DEFAULT_RATE);
			if (rate < 1 || rate > MAX_RATE) {
				errors.add(new FieldError("ratePerMinute", "between 1 and " + MAX_RATE + " messages a minute"));
			}
		}
		boolean antiBan = (body.antiBanEnabled() != null) ? body.antiBanEnabled().orElse(true) : f.antiBanEnabled();
		Instant scheduledAt = f.scheduledAt();
		if (body.scheduledAt() != null) {
			scheduledAt = schedule(errors, body.scheduledAt().orElse(null), now);
		}
		io.leadwire.campaign.delivery.SendingWindow window = f.sendingWindow();
		if (body.sendingWindow() != null) {
			// null: the session's (or tenant's) window applies.
			window = body.sendingWindow()
				.map((w) -> io.leadwire.campaign.delivery.SendingWindow.of("sendingWindow", w.start(), w.end(), errors))
				.orElse(null);
		}
		return new Fields(name, description, gatewayType, session, source, phones, filter, content, strategy, rate,
				antiBan, scheduledAt, window);
	}

	private static void recipients(Fields f, List<FieldError> errors) {
		Campaign.RecipientFilter filter = f.filter();
		switch (f.recipientSource()) {
			case CSV, MANUAL -> {
				List<String> phones = f.customRecipients();
				if (phones == null || phones.isEmpty()) {
					errors.add(new FieldError("customRecipients", "1 to " + MAX_PHONES + " phone numbers for a "
							+ f.recipientSource().wireName() + " campaign"));
				}
				else if (phones.size() > MAX_PHONES) {
					errors.add(new FieldError("customRecipients", "at most " + MAX_PHONES + " phone numbers"));
				}
				else if (phones.stream().anyMatch((phone) -> phone == null || phone.isBlank() || phone.length() > 40)) {
					errors.add(new FieldError("customRecipients", "each a phone number of at most 40 characters"));
				}
			}
			case GROUPS -> {
				int groups = (filter != null && filter.groupIds() != null) ? filter.groupIds().size() : 0;
				int contacts = (filter != null && filter.contactIds() != null) ? filter.contactIds().size() : 0;
				if (groups + contacts == 0) {
					errors.add(new FieldError("filter.groupIds", "at least one group (or filter.contactIds)"));
				}
				if (groups > 100) {
					errors.add(new FieldError("filter.groupIds", "at most 100 groups"));
				}
				if (contacts > MAX_PHONES) {
					errors.add(new FieldError("filter.contactIds", "at most " + MAX_PHONES + " contacts"));
				}
			}
			case LEADS -> {
				if (filter == null || filter.leadStatus() == null || filter.leadStatus().isEmpty()) {
					errors.add(new FieldError("filter.leadStatus", "at least one lead status (e.g. [\"new\"])"));
				}
				else if (!LEAD_STATUSES.containsAll(filter.leadStatus())) {
					errors.add(new FieldError("filter.leadStatus", "each one of " + String.join(", ", LEAD_STATUSES)));
				}
			}
		}
	}

	private static MessageContent content(List<FieldError> errors, CampaignRequest.ContentRequest body) {
		if (body == null) {
			errors.add(new FieldError("messageContent", "is required"));
			return null;
		}
		String type = (body.type() != null) ? body.type().strip() : "text";
		if (!MessageContent.TYPES.contains(type)) {
			errors.add(new FieldError("messageContent.type", "one of " + String.join(", ", MessageContent.TYPES)));
			return null;
		}
		String text = (body.text() != null) ? body.text() : (body.message() != null) ? body.message() : body.caption();
		String mediaUrl = null;
		if (type.equals("template")) {
			if (body.templateId() == null) {
				errors.add(new FieldError("messageContent.templateId", "is required for a template message"));
			}
			// The template's body is the text (copied in once the template is read).
			text = null;
		}
		else if (type.equals("text")) {
			text = text(errors, "messageContent.text", text, 4_096, true);
		}
		else {
			text = text(errors, "messageContent.caption", text, 1_024, false);
			mediaUrl = mediaUrl(errors, body.mediaUrl());
		}
		Map<String, String> variables = new LinkedHashMap<>();
		if (body.variables() != null) {
			if (body.variables().size() > 50) {
				errors.add(new FieldError("messageContent.variables", "at most 50"));
			}
			body.variables().forEach((key, value) -> {
				if (key == null || !key.matches("[A-Za-z_][A-Za-z0-9_.]{0,63}")
						|| (value != null && value.length() > 1_024)) {
					errors.add(new FieldError("messageContent.variables",
							"names of letters, digits, _ and . (≤ 64), " + "values of at most 1,024 characters"));
				}
				else {
					variables.put(key, (value != null) ? value : "");
				}
			});
		}
		return new MessageContent(type, text, mediaUrl, variables, type.equals("template") ? body.templateId() : null,
				null, null);
	}

	private static String mediaUrl(List<FieldError> errors, String value) {
		if (value == null || value.isBlank()) {
			errors.add(new FieldError("messageContent.mediaUrl", "is required for a media message"));
			return null;
		}
		try {
			URI uri = new URI(value.strip());
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(java.util.Locale.ROOT) : "";
			if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || value.length() > 2_048) {
				errors.add(new FieldError("messageContent.mediaUrl", "an http(s) URL of at most 2,048 characters"));
				return null;
			}
			if (AddressGuard.refusesHost(uri.getHost())) {
				errors.add(new FieldError("messageContent.mediaUrl", "its host is not publicly reachable"));
				return null;
			}
			return uri.toString();
		}
		catch (java.net.URISyntaxException ex) {
			errors.add(new FieldError("messageContent.mediaUrl", "not a URL"));
			return null;
		}
	}

	/** The end of four-digit years: what every client and store reads. */
	static final Instant LAST_SCHEDULE = Instant.parse("+10000-01-01T00:00:00Z");

	static Instant schedule(List<FieldError> errors, String value, Instant now) {
		if (value == null || value.isBlank()) {
			return null;
		}
		Instant at = parseTime(value.strip());
		if (at == null) {
			errors.add(new FieldError("scheduledAt", "ISO 8601 (2026-12-01T10:00:00Z) or yyyy-MM-dd HH:mm:ss (UTC)"));
			return null;
		}
		if (!at.isAfter(now)) {
			errors.add(new FieldError("scheduledAt", "must be in the future"));
			return null;
		}
		if (!at.isBefore(LAST_SCHEDULE)) {
			// A year such as +999999999 has no date in MongoDB (it answered 500).
			errors.add(new FieldError("scheduledAt", "must be before the year 10000"));
			return null;
		}
		return at.truncatedTo(ChronoUnit.SECONDS);
	}

	private static Instant parseTime(String value) {
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeException ex) {
			// not with an offset
		}
		try {
			return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeException ex) {
			// not ISO local
		}
		try {
			return LocalDateTime.parse(value, SPACED).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	private static String text(List<FieldError> errors, String field, String value, int max, boolean required) {
		if (value == null || value.isBlank()) {
			if (required) {
				errors.add(new FieldError(field, "is required"));
			}
			return null;
		}
		String text = value.strip();
		if (text.length() > max) {
			errors.add(new FieldError(field, "at most " + max + " characters"));
		}
		return text;
	}

	/** A campaign's writable fields. */
	record Fields(String name, String description, String gatewayType, Long gatewaySessionId,
			RecipientSource recipientSource, List<String> customRecipients, Campaign.RecipientFilter filter,
			MessageContent messageContent, Strategy strategy, int ratePerMinute, boolean antiBanEnabled,
			Instant scheduledAt, io.leadwire.campaign.delivery.SendingWindow sendingWindow) {

		static Fields defaults() {
			return new Fields(null, null, "whatsapp", null, null, null, null, null, Strategy.SEQUENTIAL, DEFAULT_RATE,
					true, null, null);
		}

		/** These fields with {@code content} as the message. */
		Fields with(MessageContent content) {
			return new Fields(this.name, this.description, this.gatewayType, this.gatewaySessionId,
					this.recipientSource, this.customRecipients, this.filter, content, this.strategy,
					this.ratePerMinute, this.antiBanEnabled, this.scheduledAt, this.sendingWindow);
		}

		static Fields of(Campaign c) {
			return new Fields(c.name(), c.description(), c.gatewayType(), c.gatewaySessionId(), c.recipientSource(),
					c.customRecipients(), c.filter(), c.messageContent(), c.strategy(), c.ratePerMinute(),
					c.antiBanEnabled(), c.scheduledAt(), c.sendingWindow());
		}

	}

}
