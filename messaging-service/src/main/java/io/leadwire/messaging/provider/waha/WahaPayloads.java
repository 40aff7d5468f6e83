package io.leadwire.messaging.provider.waha;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.leadwire.messaging.provider.OutboundMessage;

/**
 * A message as WAHA's send endpoints take it (PROVIDERS.md "Sending"): the endpoint and
 * its body. The WAHA adapter posts it; the sandbox keeps it, so a test key shows exactly
 * what WAHA would have received.
 */
public final class WahaPayloads {

	private WahaPayloads() {
	}

	/** {@code POST <path>} with {@code body}. */
	public record Request(String path, Map<String, Object> body) {
	}

	public static Request of(OutboundMessage message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("session", message.providerSession());
		body.put("chatId", (message.chatId() != null) ? message.chatId() : chatId(message.to()));
		return switch (message.type()) {
			case TEXT -> {
				body.put("text", message.text());
				yield new Request("/api/sendText", body);
			}
			// WAHA has no templates: a single send of one is refused before it is queued
			// (WAHA's capabilities); a campaign's goes as its body, filled in for the
			// recipient.
			case TEMPLATE -> {
				if (message.text() == null) {
					throw new IllegalArgumentException("WAHA sends no templates");
				}
				body.put("text", message.text());
				yield new Request("/api/sendText", body);
			}
			case IMAGE, STICKER -> {
				body.put("file", file(message.mediaUrl(), null));
				if (message.caption() != null) {
					body.put("caption", message.caption());
				}
				yield new Request("/api/sendImage", body);
			}
			case VIDEO -> {
				body.put("file", file(message.mediaUrl(), "video/mp4"));
				if (message.caption() != null) {
					body.put("caption", message.caption());
				}
				body.put("asNote", false);
				body.put("convert", false);
				yield new Request("/api/sendVideo", body);
			}
			case DOCUMENT -> {
				body.put("file", file(message.mediaUrl(), null));
				if (message.caption() != null) {
					body.put("caption", message.caption());
				}
				yield new Request("/api/sendFile", body);
			}
			case LOCATION -> {
				body.put("latitude", Double.parseDouble(message.latitude()));
				body.put("longitude", Double.parseDouble(message.longitude()));
				body.put("title", (message.title() != null) ? message.title() : "");
				yield new Request("/api/sendLocation", body);
			}
			case CONTACT -> {
				String digits = message.contactPhone().substring(1);
				body.put("contacts", List.of(Map.of("fullName", message.contactName(), "phoneNumber",
						message.contactPhone(), "whatsappId", digits)));
				yield new Request("/api/sendContactVcard", body);
			}
			case POLL -> {
				body.put("poll",
						Map.of("name", message.question(), "options", message.options(), "multipleAnswers", false));
				yield new Request("/api/sendPoll", body);
			}
			case BUTTONS -> {
				List<Map<String, Object>> buttons = new ArrayList<>();
				for (String text : message.buttons()) {
					buttons.add(Map.of("type", "reply", "text", text));
				}
				body.put("body", message.text());
				if (message.footer() != null) {
					body.put("footer", message.footer());
				}
				body.put("buttons", buttons);
				yield new Request("/api/sendButtons", body);
			}
			case LIST -> {
				List<Map<String, Object>> sections = OutboundMessage.Section.payload(message.sections(), "rowId");
				Map<String, Object> list = new LinkedHashMap<>();
				list.put("title", message.title());
				list.put("description", message.description());
				if (message.footer() != null) {
					list.put("footer", message.footer());
				}
				list.put("button", message.buttonText());
				list.put("sections", sections);
				body.put("message", list);
				yield new Request("/api/sendList", body);
			}
		};
	}

	/** WAHA's chat id of a user: the E.164 digits without {@code +}, at {@code c.us}. */
	public static String chatId(String e164) {
		return e164.substring(1) + "@c.us";
	}

	private static Map<String, Object> file(String url, String mimetype) {
		Map<String, Object> file = new LinkedHashMap<>();
		if (mimetype != null) {
			file.put("mimetype", mimetype);
		}
		file.put("url", url);
		file.put("filename", fileName(url));
		return file;
	}

	private static String fileName(String url) {
		String path = url.replaceFirst("[?#].*$", "");
		String name = path.substring(path.lastIndexOf('/') + 1);
		return name.isEmpty() ? "file" : name;
	}

}
