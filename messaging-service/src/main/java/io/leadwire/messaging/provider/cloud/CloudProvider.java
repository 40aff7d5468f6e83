package io.leadwire.messaging.provider.cloud;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.leadwire.messaging.provider.AccountException;
import io.leadwire.messaging.provider.Capabilities;
import io.leadwire.messaging.provider.MessageType;
import io.leadwire.messaging.provider.MessagingProvider;
import io.leadwire.messaging.provider.OutboundMessage;
import io.leadwire.messaging.provider.ProviderException;
import io.leadwire.messaging.provider.ProviderSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Meta's WhatsApp Cloud API (PROVIDERS.md): a session is a Meta account (WABA id, phone
 * number id, access token); sends are {@code POST
 * {graph}/{version}/{phoneNumberId}/messages} with the bearer token, {@code to} as
 * digits; the answer's {@code messages[0].id} ({@code wamid.…}) is what statuses come
 * back with. No polls (the Cloud API has none), no number checks (Meta has no such call),
 * interactive buttons (≤ 3, titles ≤ 20) and lists (≤ 10 rows). Free-form messages reach
 * a user only within 24 h of their last message; templates are not sent yet, so outside
 * that window Meta refuses the send and the message fails with Meta's error.
 */
public final class CloudProvider implements MessagingProvider {

	private final CloudAccountStore accounts;

	private final ObjectMapper json;

	private final String graphUrl;

	private final String version;

	private final Duration timeout;

	private final HttpClient http;

	public CloudProvider(CloudAccountStore accounts, ObjectMapper json, String graphUrl, String version,
			Duration timeout) {
		this.accounts = accounts;
		this.json = json;
		this.graphUrl = graphUrl.endsWith("/") ? graphUrl.substring(0, graphUrl.length() - 1) : graphUrl;
		this.version = version;
		this.timeout = timeout;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	@Override
	public String name() {
		return "cloud";
	}

	@Override
	public Capabilities capabilities() {
		Map<MessageType, String> unsupported = new EnumMap<>(MessageType.class);
		unsupported.put(MessageType.POLL, "the WhatsApp Cloud API has no polls (send buttons or a list instead)");
		// Meta's throughput tiers: 80 messages a second per number by default, 1,000 once
		// upgraded; a session may be paced up to the upper one. Sends in flight: a second
		// of the default tier (80 × a latency of up to a second; 1,000/s at 250 ms is
		// 250).
		return new Capabilities(unsupported, false, 60_000, true, false, 250);
	}

	@Override
	public ProviderSession create(String providerSession, String webhookUrl, String webhookSecret) {
		throw new AccountException("phoneNumberId", "a cloud session needs wabaId, phoneNumberId and accessToken");
	}

	@Override
	public ProviderSession create(String providerSession, String webhookUrl, String webhookSecret,
			Map<String, String> account) {
		String waba = account.get("wabaId");
		String phoneNumber = account.get("phoneNumberId");
		String token = account.get("accessToken");
		if (waba == null || !waba.matches("\\d{5,30}")) {
			throw new AccountException("wabaId", "the WhatsApp Business Account id (digits) is required");
		}
		if (phoneNumber == null || !phoneNumber.matches("\\d{5,30}")) {
			throw new AccountException("phoneNumberId", "the phone number id (digits) is required");
		}
		if (token == null || token.isBlank() || token.length() > 1000) {
			throw new AccountException("accessToken", "the access token is required");
		}
		if (this.accounts.sessionOf(phoneNumber).isPresent()) {
			throw new AccountException("phoneNumberId", "this phone number is connected to another session");
		}
		this.accounts.save(new CloudAccountStore.Account(providerSession, waba, phoneNumber, token.strip()));
		return new ProviderSession("WORKING", null, null);
	}

	@Override
	public ProviderSession status(String providerSession) {
		return new ProviderSession(this.accounts.bySession(providerSession).isPresent() ? "WORKING" : "STOPPED", null,
				null);
	}

	@Override
	public void delete(String providerSession) {
		this.accounts.delete(providerSession);
	}

	@Override
	public String send(OutboundMessage message) {
		CloudAccountStore.Account account = this.accounts.bySession(message.providerSession())
			.orElseThrow(() -> new ProviderException("the session's Meta account is gone", false));
		Map<String, Object> body = body(message);
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(this.graphUrl + "/" + this.version + "/" + account.phoneNumberId() + "/messages"))
			.timeout(this.timeout)
			.header("Authorization", "Bearer " + account.accessToken())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(this.json.writeValueAsBytes(body)))
			.build();
		HttpResponse<String> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (java.io.IOException ex) {
			throw new ProviderException("Cloud API unreachable: " + ex.getClass().getSimpleName(), true, "unreachable");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ProviderException("interrupted", true);
		}
		JsonNode answer = parse(response.body());
		if (response.statusCode() >= 400) {
			JsonNode error = answer.path("error");
			throw new ProviderException(
					"Cloud API " + response.statusCode() + ": " + error.path("code").asString("") + " "
							+ error.path("message").asString(""),
					response.statusCode() >= 500 || response.statusCode() == 429, error.path("code").isNumber()
							? "meta_" + error.path("code").asInt() : "http_" + response.statusCode());
		}
		JsonNode id = answer.path("messages").path(0).path("id");
		return id.isString() ? id.asString() : null;
	}

	/** The Cloud API's body for {@code message} (PROVIDERS.md "Send"). */
	static Map<String, Object> body(OutboundMessage message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("messaging_product", "whatsapp");
		body.put("recipient_type", "individual");
		body.put("to", message.to().substring(1));
		if (message.ref() != null) {
			// Meta echoes it in the message's status webhooks: how a send whose answer
			// was
			// lost is recognised (reconciliation), never sent twice.
			body.put("biz_opaque_callback_data", Long.toString(message.ref().messageId()));
		}
		String type = message.type().wireName();
		switch (message.type()) {
			case TEXT -> {
				body.put("type", "text");
				body.put("text", Map.of("body", message.text(), "preview_url", false));
			}
			case IMAGE, VIDEO, DOCUMENT -> {
				Map<String, Object> media = new LinkedHashMap<>();
				media.put("link", message.mediaUrl());
				if (message.caption() != null) {
					media.put("caption", message.caption());
				}
				body.put("type", type);
				body.put(type, media);
			}
			case STICKER -> {
				body.put("type", "sticker");
				body.put("sticker", Map.of("link", message.mediaUrl()));
			}
			case LOCATION -> {
				Map<String, Object> location = new LinkedHashMap<>();
				location.put("latitude", Double.parseDouble(message.latitude()));
				location.put("longitude", Double.parseDouble(message.longitude()));
				if (message.title() != null) {
					location.put("name", message.title());
				}
				body.put("type", "location");
				body.put("location", location);
			}
			case CONTACT -> {
				body.put("type", "contacts");
				body.put("contacts",
						List.of(Map.of("name",
								Map.of("formatted_name", message.contactName(), "first_name", message.contactName()),
								"phones", List.of(Map.of("phone", message.contactPhone(), "type", "CELL", "wa_id",
										message.contactPhone().substring(1))))));
			}
			case BUTTONS -> {
				List<Map<String, Object>> buttons = new ArrayList<>();
				for (int i = 0; i < message.buttons().size(); i++) {
					buttons.add(Map.of("type", "reply", "reply",
							Map.of("id", "b" + (i + 1), "title", message.buttons().get(i))));
				}
				Map<String, Object> interactive = new LinkedHashMap<>();
				interactive.put("type", "button");
				interactive.put("body", Map.of("text", message.text()));
				if (message.footer() != null) {
					interactive.put("footer", Map.of("text", message.footer()));
				}
				interactive.put("action", Map.of("buttons", buttons));
				body.put("type", "interactive");
				body.put("interactive", interactive);
			}
			case LIST -> {
				List<Map<String, Object>> sections = OutboundMessage.Section.payload(message.sections(), "id");
				Map<String, Object> interactive = new LinkedHashMap<>();
				interactive.put("type", "list");
				interactive.put("header", Map.of("type", "text", "text", message.title()));
				interactive.put("body", Map.of("text", message.description()));
				interactive.put("action", Map.of("button", message.buttonText(), "sections", sections));
				body.put("type", "interactive");
				body.put("interactive", interactive);
			}
			case TEMPLATE -> {
				Map<String, Object> template = new LinkedHashMap<>();
				template.put("name", message.templateName());
				template.put("language", Map.of("code", message.language()));
				if (message.parameters() != null && !message.parameters().isEmpty()) {
					template.put("components",
							List.of(Map.of("type", "body", "parameters",
									message.parameters()
										.stream()
										.map((parameter) -> Map.of("type", "text", "text", parameter))
										.toList())));
				}
				body.put("type", "template");
				body.put("template", template);
			}
			case POLL -> throw new ProviderException("the WhatsApp Cloud API has no polls", false, "unsupported");
		}
		return body;
	}

	private JsonNode parse(String text) {
		try {
			return (text == null || text.isBlank()) ? this.json.createObjectNode() : this.json.readTree(text);
		}
		catch (RuntimeException ex) {
			return this.json.createObjectNode();
		}
	}

}
