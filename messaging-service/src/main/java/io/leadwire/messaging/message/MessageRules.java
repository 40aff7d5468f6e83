package io.leadwire.messaging.message;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse.FieldError;
import io.leadwire.common.net.AddressGuard;
import io.leadwire.common.phone.InvalidPhoneNumberException;
import io.leadwire.common.phone.PhoneNumbers;
import io.leadwire.messaging.provider.Capabilities;
import io.leadwire.messaging.provider.MessageType;
import io.leadwire.messaging.provider.OutboundMessage;

/**
 * What each message type needs (docs/api.md §5), checked before anything is queued, every
 * broken rule named at once: text up to {@value #MAX_TEXT} characters; media as an
 * {@code http(s)} URL whose host is not inside our network (the platform's SSRF guard,
 * the one website checks use: the provider fetches it from inside our network); latitude
 * −90…90 and longitude −180…180; a contact's name and phone; a poll's question and 2–12
 * distinct options; 1–3 buttons of at most 20 characters (Meta's limits, the strictest);
 * a list's title, description, button text and 1–10 sections of at most 10 rows in all,
 * each row with an id and a title. A type the session's provider cannot send is a 422
 * naming the type and why.
 */
final class MessageRules {

	static final int MAX_TEXT = 4096;

	static final int MAX_CAPTION = 1024;

	private MessageRules() {
	}

	/** The content to keep and send; {@code to} normalised by the phone policy. */
	static Checked check(SendRequest body, PhoneNumbers phones, Capabilities capabilities) {
		List<FieldError> errors = new ArrayList<>();
		MessageType type = MessageType.parse(body.type());
		if (type == null) {
			throw ApiException.validation("type",
					"one of text, image, video, document, sticker, location, contact, poll, buttons, list, template");
		}
		if (!capabilities.sends(type)) {
			throw ApiException.validation("type", type.wireName() + " cannot be sent: " + capabilities.reason(type));
		}
		String to = phone("to", body.to(), phones, errors);
		Map<String, Object> content = new LinkedHashMap<>();
		switch (type) {
			case TEXT -> {
				String text = (body.message() != null) ? body.message() : body.text();
				content.put("message", required(errors, "message", text, MAX_TEXT));
			}
			case IMAGE, VIDEO, DOCUMENT, STICKER -> {
				content.put("mediaUrl", url(errors, body.mediaUrl()));
				if (type != MessageType.STICKER && body.caption() != null) {
					content.put("caption", optional(errors, "caption", body.caption(), MAX_CAPTION));
				}
			}
			case LOCATION -> {
				content.put("latitude", coordinate(errors, "latitude", body.latitude(), 90));
				content.put("longitude", coordinate(errors, "longitude", body.longitude(), 180));
				if (body.title() != null) {
					content.put("title", optional(errors, "title", body.title(), 256));
				}
			}
			case CONTACT -> {
				String name = required(errors, "name", body.name(), 256);
				if (name != null && (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0)) {
					// The provider writes it into a vCard line: a line break would add
					// lines
					// of the sender's choosing (issue 26).
					errors.add(new FieldError("name", "must be a single line"));
				}
				content.put("name", name);
				content.put("phone", phone("phone", body.phone(), phones, errors));
			}
			case POLL -> {
				content.put("question", required(errors, "question", body.question(), 256));
				content.put("options", options(errors, body.options()));
			}
			case BUTTONS -> {
				content.put("text", required(errors, "text", body.text(), 1024));
				content.put("buttons", buttons(errors, body.buttons()));
				if (body.footer() != null) {
					content.put("footer", optional(errors, "footer", body.footer(), 60));
				}
			}
			case LIST -> {
				content.put("title", required(errors, "title", body.title(), 60));
				content.put("description", required(errors, "description", body.description(), 1024));
				content.put("buttonText", required(errors, "buttonText", body.buttonText(), 20));
				content.put("sections", sections(errors, body.sections()));
			}
			case TEMPLATE -> {
				String name = required(errors, "templateName", body.templateName(), 512);
				if (name != null && !name.matches("[a-z0-9_]+")) {
					errors.add(
							new FieldError("templateName", "lower-case letters, digits and _ (Meta's template names)"));
				}
				content.put("templateName", name);
				String language = (body.language() != null) ? body.language().strip() : "en_US";
				if (!language.matches("[a-z]{2,3}(_[A-Za-z]{2,4})?")) {
					errors.add(new FieldError("language", "a template language code such as en_US or fr"));
				}
				content.put("language", language);
				content.put("parameters", parameters(errors, body.parameters()));
			}
		}
		if (!errors.isEmpty()) {
			throw ApiException.validation(errors);
		}
		return new Checked(type, to, content);
	}

	/** A checked send: its type, E.164 recipient and content. */
	record Checked(MessageType type, String to, Map<String, Object> content) {
	}

	/** The message as providers are given it, from what the send log keeps. */
	@SuppressWarnings("unchecked")
	static OutboundMessage outbound(Message message, String providerSession, OutboundMessage.Ref ref) {
		Map<String, Object> c = message.content();
		List<OutboundMessage.Section> sections = null;
		if (c.get("sections") instanceof List<?> list) {
			sections = new ArrayList<>();
			for (Object item : list) {
				Map<String, Object> section = (Map<String, Object>) item;
				List<OutboundMessage.Row> rows = new ArrayList<>();
				for (Object row : (List<Object>) section.get("rows")) {
					Map<String, Object> r = (Map<String, Object>) row;
					rows.add(new OutboundMessage.Row((String) r.get("id"), (String) r.get("title"),
							(String) r.get("description")));
				}
				sections.add(new OutboundMessage.Section((String) section.get("title"), rows));
			}
		}
		MessageType type = MessageType.parse(message.type());
		return new OutboundMessage(ref, providerSession, message.to(), null, type,
				(String) ((type == MessageType.TEXT) ? c.get("message") : c.get("text")), (String) c.get("mediaUrl"),
				(String) c.get("caption"), (String) c.get("latitude"), (String) c.get("longitude"),
				(String) c.get("name"), (String) c.get("phone"), (String) c.get("question"),
				(List<String>) c.get("options"), (String) c.get("footer"), (List<String>) c.get("buttons"),
				(String) c.get("title"), (String) c.get("description"), (String) c.get("buttonText"), sections,
				(String) c.get("templateName"), (String) c.get("language"), (List<String>) c.get("parameters"),
				(Map<String, String>) c.get("namedParameters"));
	}

	/** A template's body parameters: up to 20, each 1–1,024 characters. */
	private static List<String> parameters(List<FieldError> errors, List<String> parameters) {
		if (parameters == null) {
			return List.of();
		}
		if (parameters.size() > 20) {
			errors.add(new FieldError("parameters", "at most 20"));
			return List.of();
		}
		for (String parameter : parameters) {
			if (parameter == null || parameter.isBlank() || parameter.length() > 1024) {
				errors.add(new FieldError("parameters", "each one 1 to 1,024 characters"));
				return List.of();
			}
		}
		return List.copyOf(parameters);
	}

	private static String phone(String field, String value, PhoneNumbers phones, List<FieldError> errors) {
		if (value == null || value.isBlank()) {
			errors.add(new FieldError(field, "is required: a phone number"));
			return null;
		}
		try {
			return phones.toE164(value);
		}
		catch (InvalidPhoneNumberException ex) {
			errors.add(new FieldError(field, ex.getMessage()));
			return null;
		}
	}

	private static String required(List<FieldError> errors, String field, String value, int max) {
		if (value == null || value.isBlank()) {
			errors.add(new FieldError(field, "is required"));
			return null;
		}
		return optional(errors, field, value, max);
	}

	private static String optional(List<FieldError> errors, String field, String value, int max) {
		if (value.length() > max) {
			errors.add(new FieldError(field, "at most " + max + " characters"));
		}
		return value;
	}

	private static String url(List<FieldError> errors, String value) {
		if (value == null || value.isBlank()) {
			errors.add(new FieldError("mediaUrl", "is required: an http(s) URL"));
			return null;
		}
		try {
			URI uri = new URI(value.strip());
			if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
				throw new IllegalArgumentException();
			}
			if (value.length() > 2048) {
				throw new IllegalArgumentException();
			}
			if (AddressGuard.refusesHost(uri.getHost())) {
				errors.add(new FieldError("mediaUrl", "points to an address that is not public"));
				return null;
			}
			return uri.toString();
		}
		catch (java.net.URISyntaxException | IllegalArgumentException ex) {
			errors.add(new FieldError("mediaUrl", "must be an http(s) URL of at most 2048 characters"));
			return null;
		}
	}

	private static String coordinate(List<FieldError> errors, String field, String value, int bound) {
		if (value == null || value.isBlank()) {
			errors.add(new FieldError(field, "is required"));
			return null;
		}
		try {
			double number = Double.parseDouble(value.strip());
			if (Double.isNaN(number) || number < -bound || number > bound) {
				throw new NumberFormatException();
			}
			return value.strip();
		}
		catch (NumberFormatException ex) {
			errors.add(new FieldError(field, "a number between -" + bound + " and " + bound));
			return null;
		}
	}

	private static List<String> options(List<FieldError> errors, List<String> options) {
		if (options == null || options.size() < 2 || options.size() > 12
				|| new HashSet<>(options).size() != options.size()
				|| options.stream().anyMatch((option) -> option == null || option.isBlank() || option.length() > 100)) {
			errors.add(new FieldError("options", "2 to 12 distinct options of 1-100 characters"));
			return null;
		}
		return options;
	}

	private static List<String> buttons(List<FieldError> errors, List<String> buttons) {
		if (buttons == null || buttons.isEmpty() || buttons.size() > 3
				|| buttons.stream().anyMatch((button) -> button == null || button.isBlank() || button.length() > 20)) {
			errors.add(new FieldError("buttons", "1 to 3 buttons of 1-20 characters"));
			return null;
		}
		return buttons;
	}

	private static List<Map<String, Object>> sections(List<FieldError> errors,
			List<SendRequest.SectionRequest> sections) {
		if (sections == null || sections.isEmpty() || sections.size() > 10) {
			errors.add(new FieldError("sections", "1 to 10 sections"));
			return null;
		}
		List<Map<String, Object>> out = new ArrayList<>();
		int rows = 0;
		for (SendRequest.SectionRequest section : sections) {
			if (section == null || section.title() == null || section.title().isBlank() || section.rows() == null
					|| section.rows().isEmpty()) {
				errors.add(new FieldError("sections", "each section has a title and rows"));
				return null;
			}
			List<Map<String, Object>> sectionRows = new ArrayList<>();
			for (SendRequest.RowRequest row : section.rows()) {
				if (row == null || row.id() == null || row.id().isBlank() || row.title() == null
						|| row.title().isBlank() || row.title().length() > 24) {
					errors.add(new FieldError("sections", "each row has an id and a title of 1-24 characters"));
					return null;
				}
				Map<String, Object> item = new LinkedHashMap<>();
				item.put("id", row.id());
				item.put("title", row.title());
				if (row.description() != null) {
					item.put("description", row.description());
				}
				sectionRows.add(item);
				rows++;
			}
			out.add(Map.of("title", section.title(), "rows", sectionRows));
		}
		if (rows > 10) {
			errors.add(new FieldError("sections", "at most 10 rows in all"));
		}
		return out;
	}

}
