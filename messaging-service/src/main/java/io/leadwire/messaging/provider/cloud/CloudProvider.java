package io.leadwire.messaging.provider.cloud;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.leadwire.messaging.provider.AccountException;
import io.leadwire.messaging.provider.Capabilities;
import io.leadwire.messaging.provider.MessageType;
import io.leadwire.messaging.provider.MessagingProvider;
import io.leadwire.messaging.provider.NumberHealth;
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

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CloudProvider.class);

	/** The connect-time read of a number's standing waits at most this. */
	private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(3);

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

	/**
	 * The number's quality rating, messaging limit tier and throughput level, read from
	 * the Graph API ({@code GET /{phoneNumberId}?fields=quality_rating,
	 * messaging_limit_tier,throughput}); when Meta cannot be asked, what a number just
	 * connected is assumed to have until Meta's webhooks tell (quality {@code UNKNOWN},
	 * limit unknown, standard throughput).
	 */
	@Override
	public NumberHealth health(String providerSession) {
		return readHealth(providerSession).orElseGet(() -> NumberHealth.unknown(Instant.now()));
	}

	/** The number's standing as the Graph API tells it now; empty if it cannot. */
	public java.util.Optional<NumberHealth> readHealth(String providerSession) {
		CloudAccountStore.Account account = this.accounts.bySession(providerSession).orElse(null);
		if (account == null) {
			return java.util.Optional.empty();
		}
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(this.graphUrl + "/" + this.version + "/" + account.phoneNumberId()
					+ "?fields=quality_rating,messaging_limit_tier,throughput"))
			.timeout(HEALTH_TIMEOUT.compareTo(this.timeout) < 0 ? HEALTH_TIMEOUT : this.timeout)
			.header("Authorization", "Bearer " + account.accessToken())
			.GET()
			.build();
		try {
			HttpResponse<String> response = this.http.send(request,
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			if (response.statusCode() != 200) {
				log.warn("Meta answered {} for the number of session {}", response.statusCode(), providerSession);
				return java.util.Optional.empty();
			}
			return java.util.Optional.of(health(parse(response.body()), Instant.now()));
		}
		catch (java.io.IOException ex) {
			log.warn("Meta could not be asked for the number of session {} ({})", providerSession,
					ex.getClass().getSimpleName());
			return java.util.Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return java.util.Optional.empty();
		}
	}

	/**
	 * A template as Meta's {@code message_templates} takes it: named parameters, a body
	 * with an example per variable, an optional text header and footer.
	 */
	public record TemplateSpec(String name, String language, String category, String header, String body, String footer,
			java.util.Map<String, String> examples) {
	}

	/** Meta's answer to a submission: its template id and status. */
	public record Submitted(String id, String status) {
	}

	/**
	 * Submits a template to the business account of the session's number ({@code POST
	 * /{wabaId}/message_templates}, or {@code POST /{templateId}} to edit one Meta has).
	 * @throws ProviderException when Meta refuses it or cannot be reached
	 */
	public Submitted submitTemplate(String providerSession, String metaTemplateId, TemplateSpec template) {
		CloudAccountStore.Account account = this.accounts.bySession(providerSession)
			.orElseThrow(() -> new ProviderException("the session's Meta account is gone", false));
		java.util.List<Map<String, Object>> components = new ArrayList<>();
		if (template.header() != null) {
			components.add(Map.of("type", "HEADER", "format", "TEXT", "text", template.header()));
		}
		List<Map<String, Object>> examples = template.examples()
			.entrySet()
			.stream()
			.filter((example) -> template.body().contains("{{" + example.getKey() + "}}"))
			.map((example) -> Map.<String, Object>of("param_name", example.getKey(), "example", example.getValue()))
			.toList();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "BODY");
		body.put("text", template.body());
		if (!examples.isEmpty()) {
			body.put("example", Map.of("body_text_named_params", examples));
		}
		components.add(body);
		if (template.footer() != null) {
			components.add(Map.of("type", "FOOTER", "text", template.footer()));
		}
		Map<String, Object> request = new LinkedHashMap<>();
		if (metaTemplateId == null) {
			request.put("name", template.name());
			request.put("language", template.language());
			request.put("category", template.category());
			request.put("parameter_format", "NAMED");
		}
		else {
			request.put("category", template.category());
		}
		request.put("components", components);
		String path = (metaTemplateId == null) ? account.wabaId() + "/message_templates" : metaTemplateId;
		JsonNode answer = post(account, path, request);
		String id = answer.path("id").asString((metaTemplateId != null) ? metaTemplateId : null);
		return new Submitted(id, answer.path("status").asString("PENDING"));
	}

	private JsonNode post(CloudAccountStore.Account account, String path, Map<String, Object> body) {
		HttpResponse<String> response = exchange(account, path, body);
		JsonNode answer = parse(response.body());
		if (response.statusCode() >= 400) {
			JsonNode error = answer.path("error");
			String message = error.path("error_user_msg").asString(error.path("message").asString(""));
			throw new ProviderException("Meta refused it (" + error.path("code").asString("?") + "): " + message,
					response.statusCode() >= 500, error.path("code").isNumber() ? "meta_" + error.path("code").asInt()
							: "http_" + response.statusCode());
		}
		return answer;
	}

	/** {@code POST {graph}/{version}/{path}} with the account's token and a JSON body. */
	private HttpResponse<String> exchange(CloudAccountStore.Account account, String path, Map<String, Object> body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.graphUrl + "/" + this.version + "/" + path))
			.timeout(this.timeout)
			.header("Authorization", "Bearer " + account.accessToken())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(this.json.writeValueAsBytes(body)))
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (java.io.IOException ex) {
			throw new ProviderException("Cloud API unreachable: " + ex.getClass().getSimpleName(), true, "unreachable");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ProviderException("interrupted", true);
		}
	}

	/** The Graph API's phone number fields as our record. */
	static NumberHealth health(JsonNode number, Instant at) {
		String quality = NumberHealth.quality(number.path("quality_rating").asString(null));
		String tier = NumberHealth.tier(number.path("messaging_limit_tier").asString(null));
		String level = number.path("throughput").path("level").asString("STANDARD");
		return new NumberHealth((quality != null) ? quality : "UNKNOWN", tier,
				"HIGH".equalsIgnoreCase(level) ? "HIGH" : "STANDARD", at);
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
		HttpResponse<String> response = exchange(account, account.phoneNumberId() + "/messages", body(message));
		JsonNode answer = parse(response.body());
		if (response.statusCode() >= 400) {
			JsonNode error = answer.path("error");
			ProviderException throttled = throttled(error);
			if (throttled != null) {
				throw throttled;
			}
			throw new ProviderException(
					"Cloud API " + response.statusCode() + ": " + error.path("code").asString("") + " "
							+ error.path("message").asString(""),
					response.statusCode() >= 500 || response.statusCode() == 429, error.path("code").isNumber()
							? "meta_" + error.path("code").asInt() : "http_" + response.statusCode());
		}
		JsonNode id = answer.path("messages").path(0).path("id");
		return id.isString() ? id.asString() : null;
	}

	/**
	 * Meta's rate limits, which a later send passes: throughput ({@code 130429}: the
	 * number waits a second), pair rate ({@code 131056}: the recipient waits 6 s), a
	 * throughput upgrade under way ({@code 131057}: a minute). Null for other errors.
	 */
	static ProviderException throttled(JsonNode error) {
		int code = error.path("code").asInt(0);
		String text = "Cloud API: " + code + " " + error.path("message").asString("");
		return switch (code) {
			case 130429 -> ProviderException.throttled(text, "meta_130429", Duration.ofSeconds(1), false);
			case 131056 -> ProviderException.throttled(text, "meta_131056", PAIR_INTERVAL, true);
			case 131057 -> ProviderException.throttled(text, "meta_131057", Duration.ofMinutes(1), false);
			default -> null;
		};
	}

	/** Meta's pair rate: about one message a recipient every 6 s. */
	public static final Duration PAIR_INTERVAL = Duration.ofSeconds(6);

	/** Meta's pair rate. */
	@Override
	public Duration pairInterval(String providerSession) {
		return PAIR_INTERVAL;
	}

	/** The Cloud API's body for {@code message} (PROVIDERS.md "Send"). */
	public static Map<String, Object> body(OutboundMessage message) {
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
				if (message.namedParameters() != null && !message.namedParameters().isEmpty()) {
					// A template with named variables: each parameter names its variable.
					template.put("components",
							List.of(Map.of("type", "body", "parameters",
									message.namedParameters()
										.entrySet()
										.stream()
										.map((parameter) -> Map.of("type", "text", "parameter_name", parameter.getKey(),
												"text", parameter.getValue()))
										.toList())));
				}
				else if (message.parameters() != null && !message.parameters().isEmpty()) {
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
