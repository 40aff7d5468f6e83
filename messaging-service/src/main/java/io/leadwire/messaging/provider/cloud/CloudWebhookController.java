package io.leadwire.messaging.provider.cloud;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.outbox.OutboxRelay;
import io.leadwire.messaging.crypto.WebhookSignatures;
import io.leadwire.messaging.message.Inbound;
import io.leadwire.messaging.message.MessageStatus;
import io.leadwire.messaging.message.MessageStore;
import io.leadwire.messaging.provider.ProviderIds;
import io.leadwire.messaging.provider.cloud.CloudAccountStore;
import io.leadwire.messaging.session.Session;
import io.leadwire.messaging.session.SessionStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Meta's webhooks ({@code /v1/webhooks/cloud}, no API key). {@code GET} answers the
 * subscription handshake: {@code hub.challenge} echoed when {@code hub.verify_token} is
 * ours. {@code POST} must carry
 * {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the
 * raw body with the app secret>} (401 otherwise, nothing stored); each change's
 * {@code metadata.phone_number_id} names the session. Statuses ({@code sent, delivered,
 * read, failed} with Meta's error) move messages forward only, matched on the
 * {@code wamid}; inbound messages are stored once, a stop keyword asking contacts for an
 * opt-out. Meta retries for up to 7 days: duplicates change nothing.
 */
@RestController
class CloudWebhookController {

	private static final Logger log = LoggerFactory.getLogger(CloudWebhookController.class);

	private final ObjectProvider<CloudAccountStore> accounts;

	private final SessionStore sessions;

	private final MessageStore messages;

	private final Inbound inbound;

	private final ObjectMapper json;

	private final ObjectProvider<OutboxRelay> relay;

	private final String appSecret;

	private final String verifyToken;

	CloudWebhookController(ObjectProvider<CloudAccountStore> accounts, SessionStore sessions, MessageStore messages,
			Inbound inbound, ObjectMapper json, ObjectProvider<OutboxRelay> relay,
			@Value("${leadwire.messaging.cloud.app-secret:}") String appSecret,
			@Value("${leadwire.messaging.cloud.verify-token:}") String verifyToken) {
		this.accounts = accounts;
		this.sessions = sessions;
		this.messages = messages;
		this.inbound = inbound;
		this.json = json;
		this.relay = relay;
		this.appSecret = appSecret;
		this.verifyToken = verifyToken;
	}

	@GetMapping("/v1/webhooks/cloud")
	ResponseEntity<String> subscribe(@RequestParam(name = "hub.mode", required = false) String mode,
			@RequestParam(name = "hub.verify_token", required = false) String token,
			@RequestParam(name = "hub.challenge", required = false) String challenge) {
		boolean matches = !this.verifyToken.isEmpty() && token != null && MessageDigest
			.isEqual(this.verifyToken.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
		if (!"subscribe".equals(mode) || !matches || challenge == null || challenge.length() > 200) {
			// Meta reads only the status; a person trying the URL reads the envelope.
			throw new io.leadwire.common.api.ApiException(403, io.leadwire.common.api.ErrorCodes.FORBIDDEN,
					"Not a valid subscription handshake: hub.mode=subscribe, the verify token and hub.challenge are needed");
		}
		return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge);
	}

	@PostMapping(path = "/v1/webhooks/cloud", consumes = "application/json")
	ApiResponse<Void> receive(@RequestBody byte[] body,
			@RequestHeader(name = "X-Hub-Signature-256", required = false) String signature) {
		CloudAccountStore known = this.accounts.getIfAvailable();
		if (known == null || this.appSecret.isEmpty() || !valid(signature, body)) {
			throw new ApiException(401, "invalid_signature", "The webhook signature is missing or does not match");
		}
		JsonNode event = this.json.readTree(body);
		boolean changed = false;
		for (JsonNode entry : event.path("entry")) {
			for (JsonNode change : entry.path("changes")) {
				JsonNode value = change.path("value");
				Session session = known.sessionOf(value.path("metadata").path("phone_number_id").asString(""))
					.flatMap(this.sessions::byProviderSession)
					.orElse(null);
				if (session == null) {
					log.warn("Cloud webhook for an unknown phone number id ignored");
					continue;
				}
				changed |= statuses(session, value.path("statuses"));
				for (JsonNode message : value.path("messages")) {
					changed |= this.inbound.received(session, message.path("id").asString(""),
							message.path("from").asString(""), message.path("text").path("body").asString(null),
							Instant.ofEpochSecond(message.path("timestamp").asLong(0)));
				}
			}
		}
		if (changed) {
			this.relay.ifAvailable(OutboxRelay::nudge);
		}
		return ApiResponse.ok(null);
	}

	private boolean statuses(Session session, JsonNode statuses) {
		boolean changed = false;
		for (JsonNode status : statuses) {
			MessageStatus to = switch (status.path("status").asString("")) {
				case "sent" -> MessageStatus.SENT;
				case "delivered" -> MessageStatus.DELIVERED;
				case "read" -> MessageStatus.READ;
				case "failed" -> MessageStatus.FAILED;
				default -> null;
			};
			String ref = ProviderIds.ref(session.id(), status.path("id").asString(null));
			if (to == null || ref == null) {
				continue;
			}
			JsonNode error = status.path("errors").path(0);
			String reason = (to == MessageStatus.FAILED) ? "Meta error " + error.path("code").asString("?") + ": "
					+ error.path("title").asString(error.path("message").asString("")) : null;
			Instant at = Instant.ofEpochSecond(status.path("timestamp").asLong(Instant.now().getEpochSecond()));
			boolean moved = this.messages.advanceByProviderRef(ref, to, at, reason);
			Long ours = ourMessage(status);
			if (!moved && ours != null && this.messages.adoptProviderRef(ours, session.id(), ref)) {
				// A send whose answer we never got (or got after this): Meta had it.
				moved = this.messages.advanceByProviderRef(ref, to, at, reason);
			}
			changed |= moved;
		}
		return changed;
	}

	/** Our message id, which sends carry as {@code biz_opaque_callback_data}. */
	private static Long ourMessage(JsonNode status) {
		String data = status.path("biz_opaque_callback_data").asString("");
		try {
			return data.isEmpty() ? null : Long.valueOf(data);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private boolean valid(String signature, byte[] body) {
		if (signature == null || !signature.startsWith("sha256=")) {
			return false;
		}
		String expected = WebhookSignatures.hmacHex("HmacSHA256", this.appSecret, body);
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				signature.substring(7).toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
	}

}
