package io.leadwire.campaign.recipients;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import io.leadwire.common.outbox.OutboxEvent;

/**
 * The {@code campaign_recipients} collection, its only user. Every move of a recipient is
 * a conditional write on the state it moves from, so a redelivered or late event, or a
 * second replica doing the same move, changes nothing.
 */
@Repository
public class RecipientStore {

	/** How far a recipient's message got: sent 1, delivered 2, read 3, failed 4. */
	public static final Map<String, Integer> RANKS = Map.of("sent", 1, "delivered", 2, "read", 3, "failed", 4);

	private final MongoOperations mongo;

	RecipientStore(MongoOperations mongo) {
		this.mongo = mongo;
	}

	/** Inserts what is new; returns the ones whose id was taken already. */
	Map<String, CampaignRecipient> insertNew(List<CampaignRecipient> batch) {
		Map<String, CampaignRecipient> refused = new HashMap<>();
		if (batch.isEmpty()) {
			return refused;
		}
		try {
			this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CampaignRecipient.class).insert(batch).execute();
		}
		catch (BulkOperationException ex) {
			for (BulkWriteError error : ex.getErrors()) {
				if (error.getCode() != 11000) {
					throw ex;
				}
				CampaignRecipient recipient = batch.get(error.getIndex());
				refused.put(recipient.id(), recipient);
			}
		}
		catch (DuplicateKeyException ex) {
			if (!(ex.getCause() instanceof MongoBulkWriteException bulk)) {
				throw ex;
			}
			for (BulkWriteError error : bulk.getWriteErrors()) {
				CampaignRecipient recipient = batch.get(error.getIndex());
				refused.put(recipient.id(), recipient);
			}
		}
		return refused;
	}

	/** Whether the stored recipient of this id has this place in its campaign. */
	boolean holds(String id, long seq) {
		return this.mongo.exists(Query.query(Criteria.where("_id").is(id).and("seq").is(seq)), CampaignRecipient.class);
	}

	/**
	 * Up to {@code limit} of the campaign's pending recipients that are not held past
	 * {@code now} (outside their sending window), in campaign order.
	 */
	public List<CampaignRecipient> nextPending(long campaignId, int limit, Instant now) {
		return this.mongo.find(Query
			.query(Criteria.where("campaignId")
				.is(campaignId)
				.and("state")
				.is(RecipientState.PENDING)
				.orOperator(Criteria.where("heldUntil").is(null), Criteria.where("heldUntil").lte(now)))
			.with(Sort.by("seq"))
			.limit(limit), CampaignRecipient.class);
	}

	/**
	 * Holds pending recipients until their sending window opens ({@code heldUntil}): they
	 * are passed over until then, and counted as waiting.
	 */
	public void hold(Map<String, Instant> until) {
		if (until.isEmpty()) {
			return;
		}
		BulkOperations writes = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CampaignRecipient.class);
		until.forEach((id, at) -> writes.updateOne(
				Query.query(Criteria.where("_id").is(id).and("state").is(RecipientState.PENDING)),
				new Update().set("heldUntil", at)));
		writes.execute();
	}

	/**
	 * Skips pending recipients with a reason (a delivery rule's: {@code frequency_cap}):
	 * they are not sent, and counted apart.
	 */
	public void skip(List<String> ids, String reason, Instant now) {
		if (ids.isEmpty()) {
			return;
		}
		this.mongo.updateMulti(Query.query(Criteria.where("_id").in(ids).and("state").is(RecipientState.PENDING)),
				new Update().set("state", RecipientState.SKIPPED).set("reason", reason).set("updatedAt", now),
				CampaignRecipient.class);
	}

	/**
	 * How many recipients of these campaigns have {@code timeField} ({@code sentAt},
	 * {@code deliveredAt}, {@code failedAt}) within {@code [from, to)}.
	 */
	public long countAt(List<Long> campaignIds, String timeField, Instant from, Instant to) {
		return campaignIds.isEmpty() ? 0
				: this.mongo.count(
						Query.query(Criteria.where("campaignId").in(campaignIds).and(timeField).gte(from).lt(to)),
						CampaignRecipient.class);
	}

	/** How many of the campaign's recipients were skipped for {@code reason}. */
	public long skipped(long campaignId, String reason) {
		return this.mongo.count(Query.query(Criteria.where("campaignId")
			.is(campaignId)
			.and("state")
			.is(RecipientState.SKIPPED)
			.and("reason")
			.is(reason)), CampaignRecipient.class);
	}

	/**
	 * How many of the campaign's pending recipients wait for their sending window after
	 * {@code now}, and the first time one of them may go.
	 */
	public Held held(long campaignId, Instant now) {
		Criteria waiting = Criteria.where("campaignId")
			.is(campaignId)
			.and("state")
			.is(RecipientState.PENDING)
			.and("heldUntil")
			.gt(now);
		long count = this.mongo.count(Query.query(waiting), CampaignRecipient.class);
		if (count == 0) {
			return new Held(0, null);
		}
		Query first = Query.query(waiting).with(Sort.by("heldUntil")).limit(1);
		first.fields().include("heldUntil");
		org.bson.Document found = this.mongo.findOne(first, org.bson.Document.class, "campaign_recipients");
		Object until = (found != null) ? found.get("heldUntil") : null;
		return new Held(count, (until instanceof java.util.Date date) ? date.toInstant() : null);
	}

	/** Recipients waiting for their sending window, and when the first may go. */
	public record Held(long count, Instant until) {
	}

	/**
	 * Moves these recipients {@code pending → sending} in one bulk, each with the event
	 * handing it to messaging in its outbox; how many moved.
	 */
	public int handOver(Map<String, OutboxEvent> events, Instant now) {
		if (events.isEmpty()) {
			return 0;
		}
		BulkOperations writes = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CampaignRecipient.class);
		events.forEach((id, event) -> writes.updateOne(
				Query.query(Criteria.where("_id").is(id).and("state").is(RecipientState.PENDING)),
				new Update().set("state", RecipientState.SENDING)
					.set("updatedAt", now)
					.push(OutboxEvent.FIELD, this.mongo.getConverter().convertToMongoType(event))));
		return writes.execute().getModifiedCount();
	}

	/** How many of the campaign's recipients are still to be handed to messaging. */
	public long pending(long campaignId) {
		return this.mongo.count(
				Query.query(Criteria.where("campaignId").is(campaignId).and("state").is(RecipientState.PENDING)),
				CampaignRecipient.class);
	}

	/**
	 * How many of the campaign's messages await their outcome, counted up to {@code cap}.
	 */
	public long inFlight(long campaignId, int cap) {
		return this.mongo
			.count(Query.query(Criteria.where("campaignId").is(campaignId).and("state").is(RecipientState.SENDING))
				.limit(cap), CampaignRecipient.class);
	}

	/**
	 * Applies a poll's statuses but failures in one ordered bulk: the messages messaging
	 * dropped unsent go back to {@code pending}, every other status moves its recipient
	 * forward only.
	 */
	public void apply(List<String> unsent, List<StatusMove> forward) {
		if (unsent.isEmpty() && forward.isEmpty()) {
			return;
		}
		BulkOperations moves = this.mongo.bulkOps(BulkOperations.BulkMode.ORDERED, CampaignRecipient.class);
		for (String id : unsent) {
			moves.updateOne(Query.query(Criteria.where("_id").is(id).and("state").is(RecipientState.SENDING)),
					new Update().set("state", RecipientState.PENDING).set("updatedAt", Instant.now()));
		}
		for (StatusMove move : forward) {
			moves.updateOne(Query.query(criteria(move)), update(move));
		}
		moves.execute();
	}

	/**
	 * Moves a recipient to {@code failed} if that is a step forward; whether it moved.
	 */
	public boolean fail(StatusMove move) {
		return this.mongo.updateFirst(Query.query(criteria(move)), update(move), CampaignRecipient.class)
			.getModifiedCount() > 0;
	}

	/** The recipient, while the status is a step forward for it. */
	private static Criteria criteria(StatusMove move) {
		Criteria criteria = Criteria.where("_id")
			.is(move.recipientId())
			.and("state")
			.in(RecipientState.SENDING, RecipientState.SENT, RecipientState.PENDING);
		// A failure counts for a message not yet delivered.
		int rank = move.status().equals("failed") ? 2 : RANKS.get(move.status());
		return criteria.orOperator(Criteria.where("statusRank").is(null), Criteria.where("statusRank").lt(rank));
	}

	/** The move, with the time it was reached. */
	private static Update update(StatusMove move) {
		Instant at = (move.at() != null) ? move.at() : Instant.now();
		Update update = new Update().set("messageId", move.messageId()).set("updatedAt", Instant.now());
		if (move.status().equals("failed")) {
			return update.set("state", RecipientState.FAILED)
				.set("statusRank", RANKS.get("failed"))
				.set("failedAt", at)
				.set("error", move.error())
				.set("failureReason", FailureReasons.code(move.error()));
		}
		int rank = RANKS.get(move.status());
		update.set("state", RecipientState.SENT).set("statusRank", rank).set(move.status() + "At", at);
		// A jump (read before delivered arrived) fills the earlier marks it implies.
		if (rank >= 3) {
			update.min("deliveredAt", at);
		}
		if (rank >= 2) {
			update.min("sentAt", at);
		}
		return update;
	}

	/**
	 * The counts analytics are made of: every recipient to send to, how many got as far
	 * as sent, delivered and read, and failed — those three and failures within the
	 * period since {@code since} when given. One pass over the campaign's recipients (a
	 * {@code $group} by state and rank; for a period, a second of conditional sums)
	 * rather than a count per figure: analytics of a running 100,000-recipient campaign,
	 * polled by a dashboard, read each recipient once instead of seven times.
	 */
	public Tally tally(long campaignId, Instant since) {
		Document match = new Document("$match", new Document("campaignId", campaignId));
		// The whole campaign's figures: counts by state and rank (a handful of groups, no
		// expression to evaluate per recipient: a recipient without a rank yet has none
		// in
		// its group's key, read as 0 below).
		Document byStateAndRank = new Document("_id", new Document("state", "$state").append("rank", "$statusRank"))
			.append("n", new Document("$sum", 1));
		long total = 0;
		long sentAll = 0;
		long failedAll = 0;
		long delivered = 0;
		long read = 0;
		for (Document group : aggregate(List.of(match, new Document("$group", byStateAndRank)))) {
			Document key = (Document) group.get("_id");
			String name = key.getString("state");
			RecipientState state = (name != null) ? RecipientState.of(name) : RecipientState.SKIPPED;
			int rank = (key.get("rank") instanceof Number r) ? r.intValue() : 0;
			long n = number(group, "n");
			total += (state != RecipientState.SKIPPED) ? n : 0;
			sentAll += (rank >= 1 && rank <= 3) ? n : 0;
			failedAll += (state == RecipientState.FAILED) ? n : 0;
			delivered += (rank == 2 || rank == 3) ? n : 0;
			read += (rank == 3) ? n : 0;
		}
		if (since == null) {
			return new Tally(total, sentAll, failedAll, sentAll, delivered, read, failedAll);
		}
		// Within the period: what reached each step at or after {@code since}.
		Document sums = new Document("_id", null).append("sent", countIf(since("sentAt", since)))
			.append("delivered",
					countIf(within(new Document("$in", List.of("$statusRank", List.of(2, 3))), "deliveredAt", since)))
			.append("read", countIf(within(new Document("$eq", List.of("$statusRank", 3)), "readAt", since)))
			.append("failed", countIf(since("failedAt", since)));
		List<Document> period = aggregate(List.of(match, new Document("$group", sums)));
		Document t = period.isEmpty() ? new Document() : period.get(0);
		return new Tally(total, sentAll, failedAll, number(t, "sent"), number(t, "delivered"), number(t, "read"),
				number(t, "failed"));
	}

	private List<Document> aggregate(List<Document> pipeline) {
		return this.mongo.getCollection(this.mongo.getCollectionName(CampaignRecipient.class))
			.aggregate(pipeline)
			.into(new java.util.ArrayList<>());
	}

	/** A {@code $sum} of 1 for each document meeting the expression. */
	private static Document countIf(Document condition) {
		return new Document("$sum", new Document("$cond", List.of(condition, 1, 0)));
	}

	/** The expression and, when a period is given, its time field within it. */
	private static Document within(Document condition, String field, Instant since) {
		return (since == null) ? condition : new Document("$and", List.of(condition, since(field, since)));
	}

	/** The time field at or after {@code since} (a missing field is not). */
	private static Document since(String field, Instant since) {
		return new Document("$gte",
				List.of(new Document("$ifNull", java.util.Arrays.asList("$" + field, null)), Date.from(since)));
	}

	private static long number(Document document, String field) {
		return (document.get(field) instanceof Number n) ? n.longValue() : 0;
	}

	/**
	 * How many of the campaign's recipients failed, by plain reason
	 * ({@link FailureReasons}), most first.
	 */
	public Map<String, Long> failureReasons(long campaignId) {
		Map<String, Long> reasons = new java.util.LinkedHashMap<>();
		Criteria failed = Criteria.where("campaignId").is(campaignId).and("state").is(RecipientState.FAILED);
		long coded = 0;
		for (String reason : this.mongo.findDistinct(Query.query(failed), "failureReason", CampaignRecipient.class,
				String.class)) {
			if (reason == null) {
				continue;
			}
			long count = this.mongo.count(Query.query(Criteria.where("campaignId")
				.is(campaignId)
				.and("state")
				.is(RecipientState.FAILED)
				.and("failureReason")
				.is(reason)), CampaignRecipient.class);
			reasons.put(reason, count);
			coded += count;
		}
		long uncoded = this.mongo.count(Query.query(failed), CampaignRecipient.class) - coded;
		if (uncoded > 0) {
			// Failed before reasons were kept.
			reasons.merge(FailureReasons.PROVIDER_ERROR, uncoded, Long::sum);
		}
		return reasons.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
					java.util.LinkedHashMap::new));
	}

	/**
	 * A page of the campaign's recipients in campaign order after {@code afterSeq}: all,
	 * or those in {@code state}, or those whose message reached at least {@code minRank}
	 * (sent 1, delivered 2, read 3).
	 */
	public List<CampaignRecipient> page(long campaignId, RecipientState state, Integer minRank, Long afterSeq,
			int limit) {
		Criteria criteria = Criteria.where("campaignId").is(campaignId);
		if (state != null) {
			criteria.and("state").is(state);
		}
		if (minRank != null) {
			criteria.and("statusRank").in(java.util.stream.IntStream.rangeClosed(minRank, 3).boxed().toList());
		}
		if (afterSeq != null) {
			criteria.and("seq").gt(afterSeq);
		}
		return this.mongo.find(Query.query(criteria).with(Sort.by("seq")).limit(limit), CampaignRecipient.class);
	}

	/**
	 * A recipient's message reached {@code status} ({@code sent}, {@code delivered},
	 * {@code read} or {@code failed}) at {@code at}.
	 */
	public record StatusMove(String recipientId, long messageId, String status, Instant at, String error) {
	}

	/** The raw counts of {@link #tally}. */
	public record Tally(long total, long sentAll, long failedAll, long sent, long delivered, long read, long failed) {
	}

}
