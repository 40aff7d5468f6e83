package io.leadwire.messaging.provider.waha;

import java.time.Instant;
import java.util.List;
import java.util.Set;

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
import io.leadwire.messaging.webhook.AckCommits;
import io.leadwire.messaging.webhook.LeanWebhookFilter;
import io.leadwire.messaging.provider.ProviderIds;
import io.leadwire.messaging.session.Session;
import io.leadwire.messaging.session.SessionStore;
import io.leadwire.messaging.session.Sessions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What WAHA's webhooks do ({@code POST /v1/webhooks/waha}, no API key: the signature is
 * the authentication), whichever way the request came in ({@link LeanWebhookFilter}, the
 * lean path, or {@link WahaWebhookController}). The session the event names gives the key
 * its {@code X-Webhook-Hmac} must be made with; unsigned, forged, or naming no session →
 * 401 and nothing stored. Events (PROVIDERS.md "Webhooks"):
 * <ul>
 * <li>{@code message.ack}: 1 SERVER → sent, 2 DEVICE → delivered, 3 READ and 4 PLAYED →
 * read, −1 ERROR → failed, matched on the unique part of the message id; a status only
 * moves forward, so duplicates and late acks change nothing; acks arriving together are
 * written together ({@link AckCommits});</li>
 * <li>{@code message}: stored once as inbound; a reply that is a stop keyword asks
 * contacts to opt the phone out ({@code OptOutRequested});</li>
 * <li>{@code session.status}: the session's status.</li>
 * </ul>
 * The sandbox provider posts here too, exactly as WAHA would.
 */
@Component
public class WahaWebhooks implements LeanWebhookFilter.Receiver {

	public static final String PATH = "/v1/webhooks/waha";

	public static final String SIGNATURE = "X-Webhook-Hmac";

	/** WAHA's events carry media as URLs, never inline: 1 MiB is far above any. */
	public static final int MAX_BODY = 1 << 20;

	private static final Logger log = LoggerFactory.getLogger(WahaWebhooks.class);

	private static final Set<String> SESSION_STATUSES = Set.of("STARTING", "SCAN_QR_CODE", "WORKING", "FAILED",
			"STOPPED");

	private final SessionStore sessions;

	private final Sessions secrets;

	private final MessageStore messages;

	private final Inbound inbound;

	private final ObjectMapper json;

	private final ObjectProvider<OutboxRelay> relay;

	private final AckCommits acks;

	private static final java.time.Duration SESSION_CACHE = java.time.Duration.ofSeconds(5);

	private final com.github.benmanes.caffeine.cache.Cache<String, Session> known = com.github.benmanes.caffeine.cache.Caffeine
		.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(SESSION_CACHE)
		.build();

	WahaWebhooks(SessionStore sessions, Sessions secrets, MessageStore messages, Inbound inbound, ObjectMapper json,
			ObjectProvider<OutboxRelay> relay, AckCommits acks) {
		this.acks = acks;
		this.sessions = sessions;
		this.secrets = secrets;
		this.messages = messages;
		this.inbound = inbound;
		this.json = json;
		this.relay = relay;
	}

	/**
	 * Verifies and applies one webhook delivery; an {@link ApiException} (401) when it is
	 * not signed by the session it names. Returns once what it carries is stored.
	 */
	@Override
	public void receive(byte[] body, String signature) {
		JsonNode event;
		try {
			event = this.json.readTree(body);
		}
		catch (RuntimeException ex) {
			throw unauthorized();
		}
		Session session = session(text(event, "session"));
		if (!WebhookSignatures.wahaValid(signature, this.secrets.webhookSecret(session), body)) {
			log.warn("WAHA webhook for session {} refused: bad signature", session.id());
			throw unauthorized();
		}
		JsonNode payload = event.path("payload");
		boolean changed = switch (text(event, "event")) {
			case "message.ack" -> ack(session, payload);
			case "message" -> this.inbound.received(session, text(payload, "id"), text(payload, "from"),
					text(payload, "body"), Instant.ofEpochSecond(payload.path("timestamp").asLong(0)));
			case "session.status" -> status(session, payload);
			default -> false;
		};
		if (changed) {
			this.relay.ifAvailable(OutboxRelay::nudge);
		}
	}

	/**
	 * The session a webhook names, kept {@link #SESSION_CACHE}: a provider posts several
	 * acks per message. A session deleted meanwhile may have its acks taken that much
	 * longer on this replica; an unknown one is looked up every time.
	 */
	private Session session(String providerSession) {
		Session cached = this.known.getIfPresent(providerSession);
		if (cached != null) {
			return cached;
		}
		Session session = this.sessions.byProviderSession(providerSession).orElseThrow(this::unauthorized);
		this.known.put(providerSession, session);
		return session;
	}

	/** A failed ack's reason: a plain code, then what it usually means. */
	static final String NOT_DELIVERED = "not_delivered: WhatsApp could not deliver the message (most often the number"
			+ " is not on WhatsApp: check it with POST /v1/numbers/verify)";

	private boolean ack(Session session, JsonNode payload) {
		MessageStatus status = switch (payload.path("ack").asInt(Integer.MIN_VALUE)) {
			case -1 -> MessageStatus.FAILED;
			case 1 -> MessageStatus.SENT;
			case 2 -> MessageStatus.DELIVERED;
			case 3, 4 -> MessageStatus.READ;
			default -> null;
		};
		String ref = ProviderIds.ref(session.id(), text(payload, "id"));
		if (status == null || ref == null) {
			return false;
		}
		// WhatsApp says no more than ERROR; the usual cause is a number not on WhatsApp.
		String error = (status == MessageStatus.FAILED) ? NOT_DELIVERED : null;
		// Written with the acks arriving at the same time (AckCommits), which also wakes
		// the relay when any moved.
		this.acks.commit(new MessageStore.Ack(ref, status, Instant.now(), error));
		return false;
	}

	private boolean status(Session session, JsonNode payload) {
		String status = text(payload, "status");
		if (SESSION_STATUSES.contains(status)) {
			return this.sessions.setStatus(session.id(), status, null);
		}
		return false;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isString() ? value.asString() : "";
	}

	private ApiException unauthorized() {
		return new ApiException(401, "invalid_signature", "The webhook signature is missing or does not match");
	}

	static List<String> statuses() {
		return List.copyOf(SESSION_STATUSES);
	}

}
