package io.leadwire.apikey.company;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.leadwire.common.context.Environment;
import io.leadwire.common.event.EventHeaders;
import tools.jackson.databind.ObjectMapper;

/**
 * Our own view of every tenant's WhatsApp sessions, kept from messaging's
 * {@code SessionStatusChanged} and {@code SessionDeleted} events (no call to messaging,
 * no code of it): a partner's {@code GET /v1/companies} shows them as its clients'
 * {@code connections}. An event applies only if its {@code revision} is newer than the
 * one held, so redelivered and reordered events change nothing; a deleted session stays
 * as a tombstone so a late status event cannot bring it back. Messaging's
 * {@code TemplateCreated} and {@code TemplateDeleted} keep the companies' template
 * counts.
 */
@Component
class Connections {

	private static final Set<String> READ = Set.of("TemplateCreated", "TemplateDeleted", "SessionStatusChanged",
			"SessionDeleted");

	static final int MAX_PER_TENANT = 100;

	static final String TEMPLATES = "company_templates";

	private final MongoOperations mongo;

	private final ObjectMapper json;

	Connections(MongoOperations mongo, ObjectMapper json) {
		this.mongo = mongo;
		this.json = json;
	}

	@KafkaListener(topics = "messaging.events")
	void on(ConsumerRecord<String, String> record) {
		if (EventHeaders.passOver(record, READ)) {
			return;
		}
		String value = record.value();
		Event event = this.json.readValue(value, Event.class);
		if ("TemplateCreated".equals(event.type()) || "TemplateDeleted".equals(event.type())) {
			template(this.json.readValue(value, TemplateEvent.class));
			return;
		}
		boolean deleted = "SessionDeleted".equals(event.type());
		if (!(deleted || "SessionStatusChanged".equals(event.type())) || event.payload() == null
				|| event.tenantId() == null) {
			return;
		}
		Payload session = this.json.treeToValue(event.payload(), Payload.class);
		Update update = new Update().set("tenantId", event.tenantId())
			.set("environment", event.environment())
			.set("name", session.name())
			.set("provider", session.provider())
			.set("status", session.status())
			.set("phone", session.phone())
			.set("wabaId", session.wabaId())
			.set("phoneNumberId", session.phoneNumberId())
			.set("qualityRating", session.qualityRating())
			.set("messagingLimitTier", session.messagingLimitTier())
			.set("throughput", session.throughput())
			.set("revision", session.revision())
			.set("deleted", deleted)
			.set("updatedAt", session.at());
		try {
			this.mongo.upsert(
					Query.query(Criteria.where("_id").is(session.sessionId()).and("revision").lt(session.revision())),
					update, Connection.class);
		}
		catch (DuplicateKeyException ex) {
			// A newer revision is held already: this event is stale.
		}
	}

	/**
	 * A template created or deleted: kept by its id ({@code company_templates}), so a
	 * redelivered event changes nothing and a deletion read before its creation stays a
	 * deletion.
	 */
	private void template(TemplateEvent event) {
		if (event.payload() == null || event.tenantId() == null) {
			return;
		}
		Update update = new Update().setOnInsert("tenantId", event.tenantId())
			.setOnInsert("environment", event.environment());
		if ("TemplateDeleted".equals(event.type())) {
			update.set("deleted", true);
		}
		else {
			update.setOnInsert("deleted", false);
		}
		this.mongo.upsert(Query.query(Criteria.where("_id").is(event.payload().templateId())), update, TEMPLATES);
	}

	/**
	 * How many live templates each of {@code tenantIds} has (the seed's {@code _count}).
	 */
	Map<Long, Long> templateCounts(Collection<Long> tenantIds) {
		Map<Long, Long> counts = new java.util.HashMap<>();
		for (Long tenantId : tenantIds) {
			counts.put(tenantId,
					this.mongo.count(Query.query(Criteria.where("tenantId")
						.is(tenantId)
						.and("environment")
						.is(Environment.LIVE)
						.and("deleted")
						.is(false)), TEMPLATES));
		}
		return counts;
	}

	/** The live sessions of {@code tenantIds}, by tenant. */
	Map<Long, List<Connection>> of(Collection<Long> tenantIds) {
		if (tenantIds.isEmpty()) {
			return Map.of();
		}
		return this.mongo
			.find(Query.query(Criteria.where("tenantId").in(tenantIds).and("deleted").is(false))
				.with(Sort.by("_id"))
				.limit(MAX_PER_TENANT * tenantIds.size()), Connection.class)
			.stream()
			.collect(Collectors.groupingBy(Connection::tenantId));
	}

	/** A tenant's WhatsApp session as apikey-service knows it. */
	@Document("connections")
	record Connection(@Id long id, long tenantId, Environment environment, String name, String provider, String status,
			String phone, String wabaId, String phoneNumberId, String qualityRating, String messagingLimitTier,
			String throughput, long revision, boolean deleted, Instant updatedAt) {
	}

	/**
	 * The envelope as this consumer reads it; the payload is read as a session's once the
	 * type says it is one (the topic carries other events: inbound messages, opt-outs).
	 */
	record Event(String type, Long tenantId, Environment environment, tools.jackson.databind.JsonNode payload) {
	}

	record TemplateEvent(String type, Long tenantId, Environment environment, TemplatePayload payload) {
	}

	record TemplatePayload(long templateId) {
	}

	/**
	 * A session event's facts; {@code qualityRating}, {@code messagingLimitTier} and
	 * {@code throughput} are what Meta says of a Cloud number (null otherwise).
	 */
	record Payload(long sessionId, String name, String provider, String status, String phone, String wabaId,
			String phoneNumberId, long revision, Instant at, String qualityRating, String messagingLimitTier,
			String throughput) {
	}

}
