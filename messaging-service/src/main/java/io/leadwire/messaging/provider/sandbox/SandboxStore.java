package io.leadwire.messaging.provider.sandbox;

import java.time.Instant;
import java.util.List;

import org.bson.Document;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import io.leadwire.common.concurrent.GroupCommits;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.crypto.SecretBox;
import io.leadwire.messaging.provider.OutboundMessage;
import io.leadwire.messaging.provider.waha.WahaPayloads;

/**
 * What the sandbox provider holds, as a real provider would: its sessions' webhook
 * secrets (sealed) in {@code sandbox_sessions}, and every message it received with the
 * exact request, in {@code sandbox_messages} — the mail trap a test key reads.
 */
public final class SandboxStore {

	static final String SESSIONS = "sandbox_sessions";

	static final String MESSAGES = "sandbox_messages";

	private final MongoOperations mongo;

	private final SecretBox secrets;

	private final com.github.benmanes.caffeine.cache.Cache<String, SandboxSession> openSessions = com.github.benmanes.caffeine.cache.Caffeine
		.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(java.time.Duration.ofMinutes(1))
		.build();

	/** Records waiting for their group's insert, at most. */
	static final int MAX_GROUP = 500;

	/** How long a send waits for its record to be written at most. */
	private static final java.time.Duration WAIT = java.time.Duration.ofSeconds(10);

	/**
	 * The received messages' records, inserted as a group: a send waits for its own, as a
	 * provider's acceptance is durable before it answers (reconciliation asks for it),
	 * but concurrent sends — every session's lane, a Cloud number's many in flight —
	 * share one insert instead of one round trip each.
	 */
	private final GroupCommits<Document, Boolean> records;

	public SandboxStore(MongoOperations mongo, SecretBox secrets) {
		this.mongo = mongo;
		this.secrets = secrets;
		this.records = new GroupCommits<>("sandbox-records", MAX_GROUP, (group) -> {
			this.mongo.insert(group, MESSAGES);
			return java.util.Collections.nCopies(group.size(), Boolean.TRUE);
		});
	}

	/**
	 * Stops writing records (a send still waiting fails, as one the provider dropped).
	 */
	public void close() {
		this.records.close();
	}

	void saveSession(String providerSession, String secret, SandboxSession.Profile profile) {
		this.openSessions.invalidate(providerSession);
		this.mongo.upsert(Query.query(Criteria.where("_id").is(providerSession)),
				new Update().set("secret", this.secrets.seal(secret))
					.set("profile", profile.name())
					.set("createdAt", Instant.now()),
				SESSIONS);
	}

	/**
	 * A session with its opened secret, kept a minute: the send path asks for it per
	 * message.
	 */
	SandboxSession session(String providerSession) {
		return this.openSessions.get(providerSession, this::load);
	}

	private SandboxSession load(String providerSession) {
		Document session = this.mongo.findById(providerSession, Document.class, SESSIONS);
		if (session == null) {
			throw new io.leadwire.messaging.provider.ProviderException("Session '" + providerSession + "' not found",
					false);
		}
		String profile = session.getString("profile");
		Object limit = session.get("messagingLimit");
		return new SandboxSession(providerSession, this.secrets.open(session.getString("secret")),
				(profile != null) ? SandboxSession.Profile.valueOf(profile) : SandboxSession.Profile.WAHA,
				(limit instanceof Number number) ? number.intValue() : null);
	}

	/**
	 * A simulated messaging limit for the session (null: none); other replicas see it
	 * within the minute their copy of the session is kept.
	 */
	void simulateLimit(String providerSession, Integer limit) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(providerSession)),
				(limit != null) ? new Update().set("messagingLimit", limit) : new Update().unset("messagingLimit"),
				SESSIONS);
		this.openSessions.invalidate(providerSession);
	}

	/** How many distinct recipients but {@code except} the session had since then. */
	long recipientsSince(long sessionId, Instant since, String except) {
		Query query = Query.query(Criteria.where("sessionId")
			.is(sessionId)
			.and("receivedAt")
			.gte(java.util.Date.from(since))
			.and("to")
			.ne(except));
		return this.mongo.findDistinct(query, "to", MESSAGES, String.class).size();
	}

	/** Whether the session sent {@code to} anything since then. */
	boolean receivedFrom(long sessionId, String to, Instant since) {
		return this.mongo.exists(Query.query(Criteria.where("sessionId")
			.is(sessionId)
			.and("to")
			.is(to)
			.and("receivedAt")
			.gte(java.util.Date.from(since))), MESSAGES);
	}

	void deleteSession(String providerSession) {
		this.openSessions.invalidate(providerSession);
		this.mongo.remove(Query.query(Criteria.where("_id").is(providerSession)), SESSIONS);
	}

	void saveMessage(OutboundMessage message, String providerId, WahaPayloads.Request request) {
		OutboundMessage.Ref ref = message.ref();
		Document received = new Document("_id", providerId).append("tenantId", ref.tenantId())
			.append("environment", ref.environment())
			.append("sessionId", ref.sessionId())
			.append("messageId", ref.messageId())
			.append("campaignId", ref.campaignId())
			.append("to", message.to())
			.append("type", message.type().wireName())
			.append("provider", "waha")
			.append("request",
					new Document("method", "POST").append("path", request.path())
						.append("body", new Document(request.body())))
			.append("receivedAt", java.util.Date.from(Instant.now()));
		try {
			this.records.commit(received, WAIT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new io.leadwire.messaging.provider.ProviderException("the sandbox was interrupted", true, "timeout");
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			// Not known to be recorded: a send whose outcome is unknown, reconciled as a
			// provider's timeout is.
			throw new io.leadwire.messaging.provider.ProviderException("the sandbox could not record the message", true,
					"timeout");
		}
	}

	/** The provider id under which the sandbox received our message {@code messageId}. */
	java.util.Optional<String> received(long messageId) {
		Document found = this.mongo.findOne(Query.query(Criteria.where("messageId").is(messageId)), Document.class,
				MESSAGES);
		return java.util.Optional.ofNullable(found).map((document) -> document.getString("_id"));
	}

	/** A page of what the scope's sessions sent, newest first. */
	List<Document> received(TenantScope scope, Long sessionId, String to, Long campaignId, int skip, int limit) {
		return this.mongo.find(Query.query(filter(scope, sessionId, to, campaignId))
			.with(Sort.by(Sort.Direction.DESC, "receivedAt", "_id"))
			.skip(skip)
			.limit(limit), Document.class, MESSAGES);
	}

	long count(TenantScope scope, Long sessionId, String to, Long campaignId) {
		return this.mongo.count(Query.query(filter(scope, sessionId, to, campaignId)), MESSAGES);
	}

	private static Criteria filter(TenantScope scope, Long sessionId, String to, Long campaignId) {
		Criteria criteria = Criteria.where("tenantId")
			.is(scope.tenantId())
			.and("environment")
			.is(scope.environment().name());
		if (sessionId != null) {
			criteria.and("sessionId").is(sessionId);
		}
		if (to != null) {
			criteria.and("to").is(to);
		}
		if (campaignId != null) {
			criteria.and("campaignId").is(campaignId);
		}
		return criteria;
	}

}
