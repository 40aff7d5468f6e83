package io.leadwire.apikey.key;

import java.time.Instant;
import java.util.List;

import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import tools.jackson.databind.ObjectMapper;

/**
 * Applies the gateways' batched key usage: one bulk write per batch, and {@code $max} so
 * a late or replayed batch never moves {@code lastUsedAt} backwards.
 */
@Component
class KeyUsageListener {

	private final MongoOperations mongo;

	private final ObjectMapper json;

	KeyUsageListener(MongoOperations mongo, ObjectMapper json) {
		this.mongo = mongo;
		this.json = json;
	}

	@KafkaListener(topics = "usage.events")
	void on(String value) {
		Event event = this.json.readValue(value, Event.class);
		if (!"KeysUsed".equals(event.type()) || event.payload() == null || event.payload().keys() == null
				|| event.payload().keys().isEmpty()) {
			return;
		}
		BulkOperations bulk = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, ApiKey.class);
		for (KeyUse use : event.payload().keys()) {
			bulk.updateOne(Query.query(Criteria.where("_id").is(use.keyId())),
					new Update().max("lastUsedAt", use.lastUsedAt()));
		}
		bulk.execute();
	}

	record Event(String type, KeysUsed payload) {
	}

	record KeysUsed(List<KeyUse> keys) {
	}

	record KeyUse(long keyId, Instant lastUsedAt) {
	}

}
