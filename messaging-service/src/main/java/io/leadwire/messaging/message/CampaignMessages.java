package io.leadwire.messaging.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
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

	private final DispatchKeys keys;

	private final MessageStore store;

	private final IdAllocator ids;

	private final Wallets wallets;

	CampaignMessages(DispatchKeys keys, MessageStore store, IdAllocator ids, Wallets wallets) {
		this.keys = keys;
		this.store = store;
		this.ids = ids;
		this.wallets = wallets;
	}

	/** What campaign-service asks for: one frozen recipient's message. */
	/**
	 * A campaign recipient's message; a template's also names it ({@code templateName},
	 * {@code language}) with the recipient's values of its variables
	 * ({@code parameters}), {@code text} being the template's body filled with them.
	 */
	public record Request(long tenantId, Environment environment, long sessionId, long campaignId, String recipientId,
			String to, String type, String text, String mediaUrl, String templateName, String language,
			Map<String, String> parameters) {
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
		List<String> keys = new ArrayList<>(requests.size());
		List<Long> messageIds = new ArrayList<>(requests.size());
		for (Request request : requests) {
			keys.add(key(request));
			messageIds.add(this.ids.next());
		}
		Set<Integer> taken = this.keys.takeAll(keys, messageIds, java.util.Date.from(now));
		List<Message> made = new ArrayList<>(requests.size());
		List<Message> fresh = new ArrayList<>();
		for (int i = 0; i < requests.size(); i++) {
			if (taken.contains(i)) {
				made.add(null);
				continue;
			}
			Message message = queued(messageIds.get(i), requests.get(i), now);
			made.add(message);
			fresh.add(message);
		}
		this.store.insertAll(fresh);
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
		Map<Long, String> keyOf = this.keys.keysByMessageId(keys);
		Map<String, Message> found = new java.util.HashMap<>();
		for (Message message : this.store.findWhole(keyOf.keySet())) {
			found.put(keyOf.get(message.id()), message);
		}
		return found;
	}

	/** The request's message, created queued (and debited) the first time. */
	public Message accept(Request request) {
		String key = key(request);
		long taken = this.ids.next();
		Long fresh = this.keys.take(key, taken) ? taken : null;
		long id = (fresh != null) ? fresh : this.keys.messageIdOf(key);
		if (fresh == null) {
			// An earlier delivery took the id: its message, if it got that far.
			Optional<Message> existing = this.store.find(id);
			if (existing.isPresent()) {
				return existing.get();
			}
		}
		Message message = queued(id, request, Instant.now().truncatedTo(ChronoUnit.MILLIS));
		try {
			this.store.insert(message);
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

	private static Map<String, Object> content(Request request) {
		Map<String, Object> content = new LinkedHashMap<>();
		if (request.type().equals("text")) {
			content.put("message", request.text());
		}
		else if (request.type().equals("template")) {
			content.put("templateName", request.templateName());
			content.put("language", request.language());
			content.put("namedParameters", (request.parameters() != null) ? request.parameters() : Map.of());
			// The body as the recipient reads it: what a provider without templates
			// (WAHA) sends.
			content.put("text", request.text());
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
