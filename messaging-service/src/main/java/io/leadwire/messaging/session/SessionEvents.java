package io.leadwire.messaging.session;

import java.time.Instant;

import io.leadwire.common.api.RequestIds;
import io.leadwire.common.event.EventEnvelope;
import io.leadwire.common.outbox.OutboxEvent;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code SessionStatusChanged} (created, or its status or phone changed) and
 * {@code SessionDeleted} on {@code messaging.events}, keyed by the session:
 * apikey-service keeps partners' {@code connections} from them, campaigns pause on a
 * failed session. Each carries the session's {@code revision}, so a reader keeps the
 * newest whatever the order they arrive in; a Cloud number's quality, messaging limit and
 * throughput ride along (a change of them is a new revision).
 */
final class SessionEvents {

	static final String TOPIC = "messaging.events";

	private SessionEvents() {
	}

	static OutboxEvent changed(Session session, String status, String phone, long revision, ObjectMapper json) {
		return event("SessionStatusChanged", session, status, phone, revision, json);
	}

	static OutboxEvent deleted(Session session, long revision, ObjectMapper json) {
		return event("SessionDeleted", session, session.status(), session.phone(), revision, json);
	}

	private static OutboxEvent event(String type, Session session, String status, String phone, long revision,
			ObjectMapper json) {
		return OutboxEvent.of(TOPIC, Long.toString(session.id()),
				EventEnvelope.of(type, session.tenantId(), session.environment(), RequestIds.current(),
						new Payload(session.id(), session.name(), session.provider(), status, phone, session.wabaId(),
								session.phoneNumberId(), revision, Instant.now(),
								(session.health() != null) ? session.health().qualityRating() : null,
								(session.health() != null) ? session.health().messagingLimitTier() : null,
								(session.health() != null) ? session.health().throughput() : null)),
				json);
	}

	/**
	 * {@code qualityRating}, {@code messagingLimitTier} and {@code throughput}: what Meta
	 * says of a Cloud number (null for other sessions).
	 */
	record Payload(long sessionId, String name, String provider, String status, String phone, String wabaId,
			String phoneNumberId, long revision, Instant at, String qualityRating, String messagingLimitTier,
			String throughput) {
	}

}
