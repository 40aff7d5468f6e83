package io.leadwire.messaging.number;

import java.time.Instant;
import java.util.Date;

import org.bson.Document;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

import io.leadwire.common.context.TenantScope;

/**
 * The {@value #COLLECTION} collection, its only user: the answers of number checks per
 * tenant, environment and number, each until it expires.
 */
@Repository
class NumberCheckCache {

	static final String COLLECTION = "number_checks";

	private final MongoOperations mongo;

	NumberCheckCache(MongoOperations mongo) {
		this.mongo = mongo;
	}

	void remember(TenantScope scope, String phone, boolean exists, String chatId, Instant checkedAt,
			Instant expiresAt) {
		this.mongo.save(new Document("_id", key(scope, phone)).append("exists", exists)
			.append("chatId", chatId)
			.append("checkedAt", Date.from(checkedAt))
			.append("expiresAt", Date.from(expiresAt)), COLLECTION);
	}

	/** A cached answer still within its time to live (expired ones are not used). */
	NumberCheckView find(TenantScope scope, String phone) {
		Document entry = this.mongo.findOne(
				Query.query(Criteria.where("_id").is(key(scope, phone)).and("expiresAt").gt(Date.from(Instant.now()))),
				Document.class, COLLECTION);
		if (entry == null) {
			return null;
		}
		return NumberCheckView.of(phone, entry.getBoolean("exists", false), entry.getString("chatId"),
				entry.getDate("checkedAt").toInstant(), true);
	}

	private static String key(TenantScope scope, String phone) {
		return scope.tenantId() + "|" + scope.environment().name() + "|" + phone;
	}

}
