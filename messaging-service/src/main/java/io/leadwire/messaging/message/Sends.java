package io.leadwire.messaging.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.id.IdAllocator;
import io.leadwire.common.outbox.OutboxRelay;
import io.leadwire.common.phone.InvalidPhoneNumberException;
import io.leadwire.common.phone.PhoneNumbers;
import io.leadwire.messaging.provider.Capabilities;
import io.leadwire.messaging.provider.MessageType;
import io.leadwire.messaging.provider.Providers;
import io.leadwire.messaging.session.Session;
import io.leadwire.messaging.session.SessionStore;
import io.leadwire.messaging.wallet.Wallets;

/**
 * Single sends (docs/api.md §5): checked, written to the send log as {@code queued} with
 * their dispatch request in the same write, and answered at once. They leave through the
 * same dispatcher, per-session pacing and send log as campaign messages: there is no path
 * around the pace.
 */
@Service
class Sends {

	private final SessionStore sessions;

	private final MessageStore store;

	private final Providers providers;

	private final PhoneNumbers phones;

	private final IdAllocator ids;

	private final ObjectProvider<OutboxRelay> relay;

	private final Wallets wallets;

	private final CustomerWindows windows;

	Sends(SessionStore sessions, MessageStore store, Providers providers, PhoneNumbers phones, IdAllocator ids,
			ObjectProvider<OutboxRelay> relay, Wallets wallets, CustomerWindows windows) {
		this.wallets = wallets;
		this.windows = windows;
		this.sessions = sessions;
		this.store = store;
		this.providers = providers;
		this.phones = phones;
		this.ids = ids;
		this.relay = relay;
	}

	Message send(TenantScope scope, SendRequest body) {
		if (body == null) {
			throw ApiException.validation("type", "a JSON body with session_id, to and type is required");
		}
		if (body.sessionId() == null) {
			throw ApiException.validation("sessionId", "is required: the session to send from");
		}
		Session session = this.sessions.require(scope, body.sessionId());
		Capabilities capabilities = this.providers.get(session.provider()).capabilities();
		MessageRules.Checked checked = MessageRules.check(body, this.phones, capabilities);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		if (capabilities.customerWindow() && checked.type() != MessageType.TEMPLATE
				&& this.windows.openUntil(session.id(), checked.to(), now) == null) {
			throw ApiException.validation("type", checked.type().wireName() + " cannot be sent to " + checked.to()
					+ " now: Meta allows free-form messages only within 24 h of the recipient's last message to this"
					+ " number; send a template");
		}
		long id = this.ids.next();
		this.wallets.debit(scope, id);
		Message message;
		try {
			message = insert(scope, session, checked, id, now);
		}
		catch (RuntimeException ex) {
			this.wallets.refund(scope.tenantId(), scope.environment(), id);
			throw ex;
		}
		this.relay.ifAvailable(OutboxRelay::nudge);
		return message;
	}

	private Message insert(TenantScope scope, Session session, MessageRules.Checked checked, long id, Instant now) {
		return this.store.insertQueued(new Message(id, scope.tenantId(), scope.environment(), session.id(), null,
				"outbound", checked.to(), session.phone(), checked.type().wireName(), checked.content(),
				MessageStatus.QUEUED.wireName(), MessageStatus.QUEUED.rank(),
				List.of(new Message.StatusChange(MessageStatus.QUEUED.wireName(), now)), null, null, null, now, now,
				null));
	}

	Message get(TenantScope scope, long id) {
		return this.store.find(scope, id).orElseThrow(() -> new ApiException(404, "not_found", "Message not found"));
	}

	/**
	 * The list's filters as a query; values that match nothing are refused with a 422.
	 */
	Criteria filter(Long sessionId, String status, String to, Long campaignId, String direction) {
		List<Criteria> all = new ArrayList<>();
		if (sessionId != null) {
			all.add(Criteria.where("sessionId").is(sessionId));
		}
		if (status != null && !status.isBlank()) {
			MessageStatus parsed = MessageStatus.parse(status.strip());
			if (parsed == null) {
				throw ApiException.validation("status", "one of queued, sent, delivered, read, failed, received");
			}
			all.add(Criteria.where("status").is(parsed.wireName()));
		}
		if (to != null && !to.isBlank()) {
			try {
				all.add(Criteria.where("to").is(this.phones.toE164(to)));
			}
			catch (InvalidPhoneNumberException ex) {
				throw ApiException.validation("to", ex.getMessage());
			}
		}
		if (campaignId != null) {
			all.add(Criteria.where("campaignId").is(campaignId));
		}
		if (direction != null && !direction.isBlank()) {
			if (!direction.equals("inbound") && !direction.equals("outbound")) {
				throw ApiException.validation("direction", "inbound or outbound");
			}
			all.add(Criteria.where("direction").is(direction));
		}
		return all.isEmpty() ? null : new Criteria().andOperator(all);
	}

	List<Message> list(TenantScope scope, Criteria filter, Long afterId, int limit) {
		return this.store.list(scope, filter, afterId, limit);
	}

	long count(TenantScope scope, Criteria filter) {
		return this.store.count(scope, filter);
	}

}
