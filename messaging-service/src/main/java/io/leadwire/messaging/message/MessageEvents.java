package io.leadwire.messaging.message;

import java.time.Instant;

import io.leadwire.common.api.RequestIds;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.event.EventEnvelope;
import io.leadwire.common.event.EventHeaders;
import io.leadwire.common.outbox.OutboxEvent;
import tools.jackson.databind.ObjectMapper;

/**
 * What messaging publishes (ARCHITECTURE.md "Events"): {@code MessageDispatchRequested}
 * on {@value #DISPATCH} keyed by the session (one consumer owns a session's pace), status
 * changes on {@value #STATUS} keyed by the message (with the {@link EventHeaders} that
 * let consumers pass over the ones they do not need unparsed), and
 * {@code OptOutRequested} (an inbound STOP) on {@value #MESSAGING} keyed by the phone,
 * for contacts, and {@code MessageReceived} there keyed by the session, for tenants'
 * webhooks.
 */
public final class MessageEvents {

	public static final String DISPATCH = "campaign.dispatch";

	public static final String STATUS = "message.status";

	public static final String MESSAGING = "messaging.events";

	private MessageEvents() {
	}

	static OutboxEvent dispatch(Message message, ObjectMapper json) {
		return OutboxEvent.of(DISPATCH, Long.toString(message.sessionId()),
				envelope("MessageDispatchRequested", message.scope(), new Dispatch(message.id(), message.sessionId())),
				json);
	}

	static OutboxEvent status(Message message, MessageStatus status, Instant at, String error, ObjectMapper json) {
		return OutboxEvent
			.of(STATUS, Long.toString(message.id()),
					envelope(status.eventType(), message.scope(),
							new Status(message.id(), message.sessionId(), message.campaignId(), message.to(),
									status.wireName(), at, error)),
					json)
			.withHeader(EventHeaders.CAMPAIGN,
					(message.campaignId() != null) ? message.campaignId().toString() : EventHeaders.NO_CAMPAIGN);
	}

	static OutboxEvent optOut(TenantScope scope, String phone, long messageId, String reason, ObjectMapper json) {
		return OutboxEvent.of(MESSAGING, phone,
				envelope("OptOutRequested", scope, new OptOut(phone, reason, messageId)), json);
	}

	/**
	 * A message received on a session, for tenants' webhooks ({@code message.inbound}),
	 * keyed by the session.
	 */
	static OutboxEvent received(Message message, ObjectMapper json) {
		Object text = (message.content() != null) ? message.content().get("message") : null;
		return OutboxEvent.of(MESSAGING, Long.toString(message.sessionId()), envelope("MessageReceived",
				message.scope(), new Received(message.id(), message.sessionId(), message.from(), message.to(),
						message.type(), (text != null) ? text.toString() : null, message.statusHistory().get(0).at())),
				json);
	}

	private static <T> EventEnvelope<T> envelope(String type, TenantScope scope, T payload) {
		return EventEnvelope.of(type, scope.tenantId(), scope.environment(), RequestIds.current(), payload);
	}

	/** A message to send: the dispatcher reads it from the send log. */
	public record Dispatch(long messageId, long sessionId) {
	}

	public record Status(long messageId, long sessionId, Long campaignId, String to, String status, Instant at,
			String error) {
	}

	public record OptOut(String phone, String reason, long messageId) {
	}

	/** {@code MessageReceived}: who wrote to which session, and what. */
	public record Received(long messageId, long sessionId, String from, String to, String type, String text,
			Instant at) {
	}

}
