package io.leadwire.apikey.audit;

import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.leadwire.common.context.Environment;
import io.leadwire.common.id.IdAllocator;
import tools.jackson.databind.ObjectMapper;

/**
 * Stores {@code ActionAudited} events from the gateway and the services, once each.
 */
@Component
class AuditListener {

	private final MongoOperations mongo;

	private final IdAllocator ids;

	private final ObjectMapper json;

	AuditListener(MongoOperations mongo, IdAllocator ids, ObjectMapper json) {
		this.mongo = mongo;
		this.ids = ids;
		this.json = json;
	}

	@KafkaListener(topics = "audit.events")
	void on(String value) {
		Event event = this.json.readValue(value, Event.class);
		if (!"ActionAudited".equals(event.type()) || event.payload() == null || event.tenantId() == null) {
			return;
		}
		Action action = event.payload();
		try {
			this.mongo.insert(new AuditEntry(this.ids.next(), event.eventId(), event.tenantId(), action.keyTenantId(),
					event.environment(), action.keyId(), action.userId(), action.actingUserId(), action.method(),
					action.path(), action.status(), action.at(), event.requestId()));
		}
		catch (DuplicateKeyException ex) {
			// Delivered before: stored already.
		}
	}

	record Event(String eventId, String type, Long tenantId, Environment environment, String requestId,
			Action payload) {
	}

	record Action(Long keyId, long keyTenantId, long userId, long actingUserId, String method, String path, int status,
			Instant at) {
	}

}
