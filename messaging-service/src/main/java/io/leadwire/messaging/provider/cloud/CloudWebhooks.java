package io.leadwire.messaging.provider.cloud;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.outbox.OutboxRelay;
import io.leadwire.messaging.crypto.WebhookSignatures;
import io.leadwire.messaging.message.Inbound;
import io.leadwire.messaging.message.MessageStatus;
import io.leadwire.messaging.message.MessageStore;
import io.leadwire.messaging.provider.ProviderIds;
import io.leadwire.messaging.session.Session;
import io.leadwire.messaging.session.SessionStore;
import io.leadwire.messaging.webhook.AckCommits;
import io.leadwire.messaging.webhook.LeanWebhookFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What Meta's webhooks do ({@code POST /v1/webhooks/cloud}, no API key), whichever way
 * the request came in ({@link LeanWebhookFilter}, the lean path, or
 * {@link CloudWebhookController}). The body must carry
 * {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the app
 * secret>} (401 otherwise, nothing stored); each change's
 * {@code metadata.phone_number_id} names the session. Statuses ({@code sent, delivered,
 * read, failed} with Meta's error) move messages forward only, matched on the
 * {@code wamid} and written with the acks arriving at the same time ({@link AckCommits});
 * a status for a send whose answer was never recorded adopts the message its
 * {@code biz_opaque_callback_data} names. Inbound messages are stored once, a stop
 * keyword asking contacts for an opt-out. A number's quality, messaging limit and
 * throughput changes ({@code phone_number_quality_update},
 * {@code business_capability_update}) go to {@link CloudNumbers}, template reviews
 * ({@code message_template_status_update}) to the templates. Meta retries for up to 7
 * days: duplicates change nothing.
 */
@Component
public class CloudWebhooks implements LeanWebhookFilter.Receiver {

	public static final String PATH = "/v1/webhooks/cloud";

	public static final String SIGNATURE = "X-Hub-Signature-256";

	/** Meta's webhook bodies stay well under this (statuses and text, media as ids). */
	public static final int MAX_BODY = 3 << 20;

	private static final Duration SESSION_CACHE = Duration.ofSeconds(5);

	private static final Logger log = LoggerFactory.getLogger(CloudWebhooks.class);

	private final ObjectProvider<CloudAccountStore> accounts;

	private final SessionStore sessions;

	private final MessageStore messages;

	private final Inbound inbound;

	private final ObjectMapper json;

	private final ObjectProvider<OutboxRelay> relay;

	private final AckCommits acks;

	private final String appSecret;

	private final CloudNumbers numbers;

	private final io.leadwire.messaging.provider.TemplateReviews templates;

	/**
	 * Sessions by phone number id, kept {@link #SESSION_CACHE}: Meta posts several
	 * statuses per message. A session deleted meanwhile may have its statuses taken that
	 * much longer on this replica.
	 */
	private final Cache<String, Session> known = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(SESSION_CACHE)
		.build();

	CloudWebhooks(ObjectProvider<CloudAccountStore> accounts, SessionStore sessions, MessageStore messages,
			Inbound inbound, ObjectMapper json, ObjectProvider<OutboxRelay> relay, AckCommits acks,
			@Value("${leadwire.messaging.cloud.app-secret:}") String appSecret, CloudNumbers numbers,
			io.leadwire.messaging.provider.TemplateReviews templates) {
		this.numbers = numbers;
		this.templates = templates;
		this.accounts = accounts;
		this.sessions = sessions;
		this.messages = messages;
		this.inbound = inbound;
		this.json = json;
		this.relay = relay;
		this.acks = acks;
		this.appSecret = appSecret;
	}

	@Override
	public void receive(byte[] body, String signature) {
		CloudAccountStore store = this.accounts.getIfAvailable();
		if (store == null || this.appSecret.isEmpty() || !valid(signature, body)) {
			throw new ApiException(401, "invalid_signature", "The webhook signature is missing or does not match");
		}
		JsonNode event;
		try {
			event = this.json.readTree(body);
		}
		catch (RuntimeException ex) {
			throw ApiException.validation("body", "is not JSON");
		}
		boolean changed = false;
		for (JsonNode entry : event.path("entry")) {
			for (JsonNode change : entry.path("changes")) {
				JsonNode value = change.path("value");
				String field = change.path("field").asString("messages");
				if (field.equals("phone_number_quality_update") || field.equals("business_capability_update")) {
					this.numbers.changed(entry.path("id").asString(""), field, value);
					continue;
				}
				if (field.equals("message_template_status_update")) {
					templateReviewed(entry, value);
					continue;
				}
				if (!field.equals("messages")) {
					continue;
				}
				Session session = session(store, value.path("metadata").path("phone_number_id").asString(""))
					.orElse(null);
				if (session == null) {
					log.warn("Cloud webhook for an unknown phone number id ignored");
					continue;
				}
				statuses(session, value.path("statuses"));
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
	}

	/**
	 * Meta reviewed a template ({@code event}: APPROVED, REJECTED, PAUSED, …; the reason,
	 * with {@code rejection_info} when Meta gives one); reviews older than the one held
	 * ({@code entry.time}) change nothing.
	 */
	private void templateReviewed(JsonNode entry, JsonNode value) {
		String id = value.path("message_template_id").asString("");
		String event = value.path("event").asString("").toUpperCase(java.util.Locale.ROOT);
		if (id.isEmpty() || event.isEmpty()) {
			return;
		}
		String reason = value.path("reason").asString(null);
		if (reason == null || reason.equals("NONE")) {
			reason = null;
		}
		String detail = value.path("rejection_info").path("reason").asString(null);
		if (detail != null) {
			reason = ((reason != null) ? reason + ": " : "") + detail;
		}
		long time = entry.path("time").asLong(0);
		this.templates.reviewed("waba:" + entry.path("id").asString(""), id, event, reason,
				(time > 0) ? Instant.ofEpochSecond(time) : Instant.now());
	}

	private Optional<Session> session(CloudAccountStore store, String phoneNumberId) {
		Session cached = this.known.getIfPresent(phoneNumberId);
		if (cached != null) {
			return Optional.of(cached);
		}
		Optional<Session> session = store.sessionOf(phoneNumberId).flatMap(this.sessions::byProviderSession);
		session.ifPresent((found) -> this.known.put(phoneNumberId, found));
		return session;
	}

	/** Each status group-committed ({@link AckCommits}, which also wakes the relay). */
	private void statuses(Session session, JsonNode statuses) {
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
			MessageStore.Ack ack = new MessageStore.Ack(ref, to, at, reason);
			Long ours = ourMessage(status);
			if (!this.acks.commit(ack) && ours != null && this.messages.adoptProviderRef(ours, session.id(), ref)) {
				// A send whose answer we never got (or got after this): Meta had it.
				this.acks.commit(ack);
			}
		}
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
