package io.leadwire.messaging.provider.waha;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.leadwire.messaging.provider.Capabilities;
import io.leadwire.messaging.provider.MessageType;
import io.leadwire.messaging.provider.MessagingProvider;
import io.leadwire.messaging.provider.OutboundMessage;
import io.leadwire.messaging.provider.ProviderException;
import io.leadwire.messaging.provider.ProviderSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * WAHA (WhatsApp HTTP API) as PROVIDERS.md describes it: {@code X-Api-Key} on every call;
 * sessions created with {@code start: true} sent explicitly (the 2024.10 code defaults it
 * to false whatever the docs say) and our webhook with its HMAC key and retries in the
 * session's config; the QR fetched as JSON ({@code {mimetype, data}}) each time the
 * status is {@code SCAN_QR_CODE} (WAHA rotates it); delete logs out and deletes. A send's
 * id is read from whatever the engine answers (NOWEB {@code key.id}, WEBJS
 * {@code id._serialized}) and may be empty: acks are matched on the id's unique part.
 * <p>
 * Capabilities: buttons are deprecated upstream ("Buttons do not work at the moment");
 * lists only on the GOWS and NOWEB engines ({@code LEADWIRE_WAHA_ENGINE}).
 */
public final class WahaProvider implements MessagingProvider {

	private static final List<String> EVENTS = List.of("message", "message.ack", "session.status");

	private final HttpClient http;

	private final URI base;

	private final String apiKey;

	private final String engine;

	private final ObjectMapper json;

	private final Duration timeout;

	public WahaProvider(String baseUrl, String apiKey, String engine, ObjectMapper json, Duration timeout) {
		this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
		this.apiKey = apiKey;
		this.engine = (engine != null) ? engine.toUpperCase(Locale.ROOT) : "WEBJS";
		this.json = json;
		this.timeout = timeout;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	@Override
	public String name() {
		return "waha";
	}

	@Override
	public Capabilities capabilities() {
		Map<MessageType, String> unsupported = new EnumMap<>(MessageType.class);
		unsupported.put(MessageType.BUTTONS,
				"WAHA has deprecated buttons: they do not work at the moment (send a poll or a list instead)");
		if (!this.engine.equals("GOWS") && !this.engine.equals("NOWEB")) {
			unsupported.put(MessageType.LIST,
					"WAHA sends lists on the GOWS and NOWEB engines only; this WAHA runs " + this.engine);
		}
		unsupported.put(MessageType.TEMPLATE,
				"templates are Meta's (Cloud API sessions); WAHA sends free-form messages");
		return new Capabilities(unsupported, true, 60, false, true, 1);
	}

	@Override
	public ProviderSession create(String providerSession, String webhookUrl, String webhookSecret) {
		Map<String, Object> webhook = Map.of("url", webhookUrl, "events", EVENTS, "hmac", Map.of("key", webhookSecret),
				"retries", Map.of("policy", "exponential", "delaySeconds", 2, "attempts", 15));
		Map<String, Object> body = Map.of("name", providerSession, "start", true, "config",
				Map.of("webhooks", List.of(webhook)));
		JsonNode created = call("POST", "/api/sessions", body);
		return session(providerSession, created);
	}

	@Override
	public ProviderSession status(String providerSession) {
		return session(providerSession, call("GET", "/api/sessions/" + encode(providerSession), null));
	}

	private ProviderSession session(String providerSession, JsonNode session) {
		String status = (session != null) ? session.path("status").asString("STARTING") : "STARTING";
		String qr = null;
		if (status.equals("SCAN_QR_CODE")) {
			JsonNode image = call("GET", "/api/" + encode(providerSession) + "/auth/qr?format=image", null);
			qr = (image != null) ? image.path("data").asString(null) : null;
		}
		String me = (session != null) ? session.path("me").path("id").asString(null) : null;
		String phone = (me != null && me.matches("\\d+@c\\.us")) ? "+" + me.substring(0, me.indexOf('@')) : null;
		return new ProviderSession(status, qr, phone);
	}

	@Override
	public void delete(String providerSession) {
		call("DELETE", "/api/sessions/" + encode(providerSession), null);
	}

	@Override
	public String send(OutboundMessage message) {
		WahaPayloads.Request request = WahaPayloads.of(message);
		JsonNode answer = call("POST", request.path(), request.body());
		return messageId(answer);
	}

	/**
	 * {@code GET /api/contacts/check-exists?phone=<digits>&session=…} →
	 * {@code {numberExists, chatId}}.
	 */
	@Override
	public io.leadwire.messaging.provider.NumberCheck checkNumber(String providerSession, String e164) {
		JsonNode answer = call("GET",
				"/api/contacts/check-exists?phone=" + encode(e164.substring(1)) + "&session=" + encode(providerSession),
				null);
		if (answer == null) {
			throw new ProviderException("WAHA answered the number check with nothing", true);
		}
		boolean exists = answer.path("numberExists").asBoolean(false);
		return new io.leadwire.messaging.provider.NumberCheck(exists,
				exists ? answer.path("chatId").asString(null) : null);
	}

	/**
	 * The chat's recent messages from us ({@code GET
	 * /api/{session}/chats/{chatId}/messages ?limit=20&downloadMedia=false}): one sent
	 * since {@code since} with the same text (or caption) is the message, by its id.
	 * Messages without text (a location, a poll) are matched by being the only message
	 * from us in that time.
	 */
	@Override
	public java.util.Optional<String> lookup(OutboundMessage message, java.time.Instant since) {
		String chatId = (message.chatId() != null) ? message.chatId() : WahaPayloads.chatId(message.to());
		JsonNode recent = call("GET", "/api/" + encode(message.providerSession()) + "/chats/" + encode(chatId)
				+ "/messages?limit=20&downloadMedia=false", null);
		String text = (message.text() != null) ? message.text() : message.caption();
		java.util.List<String> ours = new java.util.ArrayList<>();
		if (recent != null) {
			for (JsonNode item : recent) {
				if (!item.path("fromMe").asBoolean(false)
						|| item.path("timestamp").asLong(0) < since.getEpochSecond()) {
					continue;
				}
				String id = messageId(item);
				if (id == null) {
					continue;
				}
				if (text != null && text.equals(item.path("body").asString(null))) {
					return java.util.Optional.of(id);
				}
				ours.add(id);
			}
		}
		return (text == null && ours.size() == 1) ? java.util.Optional.of(ours.get(0)) : java.util.Optional.empty();
	}

	/** The id in an engine-specific send response, or null when it has none. */
	static String messageId(JsonNode answer) {
		if (answer == null || answer.isMissingNode() || answer.isNull()) {
			return null;
		}
		JsonNode key = answer.path("key").path("id");
		if (key.isString()) {
			return key.asString();
		}
		JsonNode id = answer.path("id");
		if (id.path("_serialized").isString()) {
			return id.path("_serialized").asString();
		}
		return id.isString() ? id.asString() : null;
	}

	private JsonNode call(String method, String path, Object body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(this.timeout)
			.header("X-Api-Key", this.apiKey)
			.header("Accept", "application/json");
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofByteArray(this.json.writeValueAsBytes(body)));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		HttpResponse<String> response;
		try {
			response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (java.io.IOException ex) {
			throw new ProviderException("WAHA unreachable: " + ex.getClass().getSimpleName(), true, "unreachable");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ProviderException("interrupted", true);
		}
		int status = response.statusCode();
		if (status >= 400) {
			throw new ProviderException("WAHA answered " + status + ": " + abbreviate(response.body()),
					status >= 500 || status == 429, "http_" + status);
		}
		String text = response.body();
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return this.json.readTree(text);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static String abbreviate(String text) {
		String body = (text != null) ? text.replaceAll("\\s+", " ") : "";
		return (body.length() > 200) ? body.substring(0, 200) + "…" : body;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
