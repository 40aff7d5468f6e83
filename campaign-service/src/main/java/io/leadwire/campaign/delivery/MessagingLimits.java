package io.leadwire.campaign.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Meta's messaging limit as dispatch keeps it (docs/deliverability.md): the distinct
 * recipients a business account's numbers were handed in a moving 24 h
 * ({@code limit_recipients}: one document per account and recipient with when it was last
 * handed a message). A recipient handed one within 24 h is free (already counted); a new
 * one is admitted while the count is under the limit. Admission holds a short lease on
 * the account ({@code limit_leases}), so the sessions of one account on different
 * replicas never admit past the limit together.
 */
@Repository
public class MessagingLimits {

	static final Duration WINDOW = Duration.ofHours(24);

	private static final String RECIPIENTS = "limit_recipients";

	private static final String LEASES = "limit_leases";

	private static final Duration LEASE = Duration.ofSeconds(10);

	private final MongoOperations mongo;

	MessagingLimits(MongoOperations mongo) {
		this.mongo = mongo;
		mongo.indexOps(RECIPIENTS)
			.createIndex(new Index().on("key", Sort.Direction.ASC).on("lastAt", Sort.Direction.ASC));
	}

	/**
	 * Which of {@code phones} may be handed a message now under {@code limit}: those
	 * counted already, and new ones while there is room (recorded as handed at
	 * {@code now}). Null when the account's lease cannot be had (another replica admits
	 * for it now): they are asked again later.
	 */
	public Set<String> admit(String key, Collection<String> phones, int limit, Instant now) {
		if (phones.isEmpty()) {
			return Set.of();
		}
		String owner = UUID.randomUUID().toString();
		if (!lease(key, owner)) {
			return null;
		}
		try {
			Date since = Date.from(now.minus(WINDOW));
			Set<String> counted = counted(key, phones, since);
			long used = used(key, now);
			Set<String> admitted = new HashSet<>();
			for (String phone : new java.util.LinkedHashSet<>(phones)) {
				if (counted.contains(phone)) {
					admitted.add(phone);
				}
				else if (used < limit) {
					admitted.add(phone);
					used++;
				}
			}
			if (!admitted.isEmpty()) {
				BulkOperations bulk = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, RECIPIENTS);
				for (String phone : admitted) {
					bulk.upsert(Query.query(Criteria.where("_id").is(key + "|" + phone)),
							new Update().set("key", key).set("lastAt", Date.from(now)));
				}
				bulk.execute();
			}
			return admitted;
		}
		finally {
			this.mongo.remove(Query.query(Criteria.where("_id").is(key).and("owner").is(owner)), LEASES);
		}
	}

	/** The distinct recipients counted in the 24 h before {@code now}. */
	long used(String key, Instant now) {
		return this.mongo.count(
				Query.query(Criteria.where("key").is(key).and("lastAt").gt(Date.from(now.minus(WINDOW)))), RECIPIENTS);
	}

	/**
	 * Which of {@code phones} are counted already (handed one in the 24 h before now).
	 */
	Set<String> counted(String key, Collection<String> phones, Instant now) {
		return counted(key, phones, Date.from(now.minus(WINDOW)));
	}

	/** When the first counted recipient leaves the count (room for one more). */
	Instant nextRoom(String key, Instant now) {
		Query first = Query.query(Criteria.where("key").is(key).and("lastAt").gt(Date.from(now.minus(WINDOW))))
			.with(Sort.by("lastAt"))
			.limit(1);
		Document oldest = this.mongo.findOne(first, Document.class, RECIPIENTS);
		return (oldest == null) ? now : oldest.getDate("lastAt").toInstant().plus(WINDOW);
	}

	private Set<String> counted(String key, Collection<String> phones, Date since) {
		List<String> ids = phones.stream().map((phone) -> key + "|" + phone).toList();
		Query query = Query.query(Criteria.where("_id").in(ids).and("lastAt").gt(since));
		query.fields().include("_id");
		Set<String> counted = new HashSet<>();
		for (Document document : this.mongo.find(query, Document.class, RECIPIENTS)) {
			String id = document.getString("_id");
			counted.add(id.substring(id.indexOf('|') + 1));
		}
		return counted;
	}

	/** Takes the account's admission lease: false while another holds it. */
	private boolean lease(String key, String owner) {
		Instant now = Instant.now();
		try {
			Document taken = this.mongo.findAndModify(
					Query.query(Criteria.where("_id").is(key).and("until").lt(Date.from(now))),
					new Update().set("owner", owner).set("until", Date.from(now.plus(LEASE))),
					FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, LEASES);
			return taken != null && owner.equals(taken.getString("owner"));
		}
		catch (DuplicateKeyException ex) {
			// Held by another replica admitting for the same account.
			return false;
		}
	}

}
