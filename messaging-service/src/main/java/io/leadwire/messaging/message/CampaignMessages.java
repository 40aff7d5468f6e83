package io.leadwire.messaging.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
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

	/** The request's message, created queued (and debited) the first time. */
	public Message accept(Request request) {
		String key = request.campaignId() + ":" + request.recipientId();
		Long fresh = newMessageId(key);
		long id = (fresh != null) ? fresh : existingMessageId(key);
		if (fresh == null) {
			// An earlier delivery took the id: its message, if it got that far.
			Optional<Message> existing = this.store.find(id);
			if (existing.isPresent()) {
				return existing.get();
			}
		}
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Message message = new Message(id, request.tenantId(), request.environment(), request.sessionId(),
				request.campaignId(), "outbound", request.to(), null, request.type(), content(request),
				MessageStatus.QUEUED.wireName(), MessageStatus.QUEUED.rank(),
				List.of(new Message.StatusChange(MessageStatus.QUEUED.wireName(), now)), null, null, null, now, now,
				null);
		try {
			this.mongo.insert(message);
		}
		catch (DuplicateKeyException ex) {
			return this.store.find(id).orElseThrow();
		}
		try {
			this.wallets.debit(new TenantScope(request.tenantId(), request.environment()), id);
		}
		catch (ApiException ex) {
			if (ex.status() == 402) {
				this.store.advance(message, MessageStatus.FAILED, Instant.now(),
						"insufficient_credits: " + ex.getMessage());
				return this.store.find(id).orElseThrow();
			}
			throw ex;
		}
		return message;
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
