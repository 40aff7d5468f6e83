package io.leadwire.messaging.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.mongodb.bulk.BulkWriteError;
import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Service;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.context.Environment;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.id.IdAllocator;
import io.leadwire.messaging.wallet.Wallets;

/**
 * A campaign's dispatch request becomes a message of the send log once, however often it
 * is delivered: {@code campaign_dispatches} maps {@code <campaignId>:<recipientId>} to
 * the message's id (its {@code _id}, unique everywhere), and the message is created under
 * that id, so a redelivered request finds the message it made — already sent or being
 * sent — instead of making another. A live message is debited like a single send; a
 * wallet that cannot cover it fails the message ({@code insufficient_credits}), which the
 * campaign sees as a failed recipient.
 */
@Service
public class CampaignMessages {

	static final String DISPATCHES = "campaign_dispatches";

	private final MongoOperations mongo;

	private final MessageStore store;

	private final IdAllocator ids;

	private final Wallets wallets;

	CampaignMessages(MongoOperations mongo, MessageStore store, IdAllocator ids, Wallets wallets) {
		this.mongo = mongo;
		this.store = store;
		this.ids = ids;
		this.wallets = wallets;
	}

	/** What campaign-service asks for: one frozen recipient's message. */
	public record Request(long tenantId, Environment environment, long sessionId, long campaignId, String recipientId,
			String to, String type, String text, String mediaUrl) {
	}

	/**
	 * The requests' messages, in order, created queued (and debited) the first time: the
	 * ids of all new ones taken in one bulk insert, their messages made in another. A key
	 * taken before (a redelivered request) goes the one-by-one way.
	 */
	public List<Message> acceptAll(List<Request> requests) {
		if (requests.isEmpty()) {
			return List.of();
		}
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		List<Document> mappings = new ArrayList<>(requests.size());
		for (Request request : requests) {
			mappings.add(new Document("_id", key(request)).append("messageId", this.ids.next())
				.append("at", java.util.Date.from(now)));
		}
		Set<Integer> taken = insertAll(mappings);
		List<Message> made = new ArrayList<>(requests.size());
		List<Message> fresh = new ArrayList<>();
		for (int i = 0; i < requests.size(); i++) {
			if (taken.contains(i)) {
				made.add(null);
				continue;
			}
			Message message = queued(((Number) mappings.get(i).get("messageId")).longValue(), requests.get(i), now);
			made.add(message);
			fresh.add(message);
		}
		if (!fresh.isEmpty()) {
			this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Message.class).insert(fresh).execute();
		}
		Map<Long, Message> failed = debitedAll(fresh);
		Map<String, Message> before = existing(taken.stream().map((i) -> key(requests.get(i))).toList());
		for (int i = 0; i < requests.size(); i++) {
			if (!taken.contains(i)) {
				made.set(i, failed.getOrDefault(made.get(i).id(), made.get(i)));
				continue;
			}
			// Made by an earlier delivery; one whose message never got written is made
			// now.
			Message earlier = before.get(key(requests.get(i)));
			made.set(i, (earlier != null) ? earlier : accept(requests.get(i)));
		}
		return made;
	}

	/**
	 * The messages earlier deliveries made for {@code keys}, by key, in two reads (a
	 * redelivered poll is as cheap as a first one).
	 */
	private Map<String, Message> existing(List<String> keys) {
		if (keys.isEmpty()) {
			return Map.of();
		}
		Map<Long, String> keyOf = new java.util.HashMap<>();
		for (Document mapping : this.mongo.find(
				org.springframework.data.mongodb.core.query.Query
					.query(org.springframework.data.mongodb.core.query.Criteria.where("_id").in(keys)),
				Document.class, DISPATCHES)) {
			keyOf.put(((Number) mapping.get("messageId")).longValue(), mapping.getString("_id"));
		}
		Map<String, Message> found = new java.util.HashMap<>();
		for (Message message : this.mongo.find(
				org.springframework.data.mongodb.core.query.Query
					.query(org.springframework.data.mongodb.core.query.Criteria.where("_id").in(keyOf.keySet())),
				Message.class)) {
			found.put(keyOf.get(message.id()), message);
		}
		return found;
	}

	/** The request's message, created queued (and debited) the first time. */
	public Message accept(Request request) {
		String key = key(request);
		Long fresh = newMessageId(key);
		long id = (fresh != null) ? fresh : existingMessageId(key);
		if (fresh == null) {
			// An earlier delivery took the id: its message, if it got that far.
			Optional<Message> existing = this.store.find(id);
			if (existing.isPresent()) {
				return existing.get();
			}
		}
		Message message = queued(id, request, Instant.now().truncatedTo(ChronoUnit.MILLIS));
		try {
			this.mongo.insert(message);
		}
		catch (DuplicateKeyException ex) {
			return this.store.find(id).orElseThrow();
		}
		return debited(message);
	}

	private static String key(Request request) {
		return request.campaignId() + ":" + request.recipientId();
	}

	private static Message queued(long id, Request request, Instant now) {
		return new Message(id, request.tenantId(), request.environment(), request.sessionId(), request.campaignId(),
				"outbound", request.to(), null, request.type(), content(request), MessageStatus.QUEUED.wireName(),
				MessageStatus.QUEUED.rank(), List.of(new Message.StatusChange(MessageStatus.QUEUED.wireName(), now)),
				null, null, null, now, now, null);
	}

	/**
	 * The new messages debited a tenant at a time (one write per tenant when its wallet
	 * covers them all); those a wallet cannot cover are failed, and returned by id.
	 */
	private Map<Long, Message> debitedAll(List<Message> fresh) {
		Map<TenantScope, List<Message>> byScope = new LinkedHashMap<>();
		for (Message message : fresh) {
			byScope
				.computeIfAbsent(new TenantScope(message.tenantId(), message.environment()),
						(scope) -> new ArrayList<>())
				.add(message);
		}
		Map<Long, Message> failed = new java.util.HashMap<>();
		byScope.forEach((scope, messages) -> {
			Set<Long> refused = this.wallets.debitAll(scope, messages.stream().map(Message::id).toList());
			for (Message message : messages) {
				if (refused.contains(message.id())) {
					this.store.advance(message, MessageStatus.FAILED, Instant.now(),
							"insufficient_credits: the wallet's balance does not cover this message: top it up");
					failed.put(message.id(), this.store.find(message.id()).orElseThrow());
				}
			}
		});
		return failed;
	}

	/**
	 * A live message is debited as it is made; a wallet that cannot cover it fails it.
	 */
	private Message debited(Message message) {
		try {
			this.wallets.debit(new TenantScope(message.tenantId(), message.environment()), message.id());
		}
		catch (ApiException ex) {
			if (ex.status() == 402) {
				this.store.advance(message, MessageStatus.FAILED, Instant.now(),
						"insufficient_credits: " + ex.getMessage());
				return this.store.find(message.id()).orElseThrow();
			}
			throw ex;
		}
		return message;
	}

	/** Inserts the mappings; the indexes of those whose key was taken before. */
	private Set<Integer> insertAll(List<Document> mappings) {
		try {
			this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, DISPATCHES).insert(mappings).execute();
			return Set.of();
		}
		catch (BulkOperationException ex) {
			Set<Integer> taken = new HashSet<>();
			for (BulkWriteError error : ex.getErrors()) {
				if (error.getCode() != 11000) {
					throw ex;
				}
				taken.add(error.getIndex());
			}
			return taken;
		}
	}

	/**
	 * Takes a message id for a dispatch key the first time it comes (null when an earlier
	 * delivery took it): one insert, which the unique key makes the decision.
	 */
	private Long newMessageId(String key) {
		long id = this.ids.next();
		try {
			this.mongo.insert(new Document("_id", key).append("messageId", id).append("at", new java.util.Date()),
					DISPATCHES);
			return id;
		}
		catch (DuplicateKeyException ex) {
			return null;
		}
	}

	private long existingMessageId(String key) {
		return ((Number) this.mongo.findById(key, Document.class, DISPATCHES).get("messageId")).longValue();
	}

	private static Map<String, Object> content(Request request) {
		Map<String, Object> content = new LinkedHashMap<>();
		if (request.type().equals("text")) {
			content.put("message", request.text());
		}
		else {
			content.put("mediaUrl", request.mediaUrl());
			if (request.text() != null) {
				content.put("caption", request.text());
			}
		}
		return content;
	}

}
