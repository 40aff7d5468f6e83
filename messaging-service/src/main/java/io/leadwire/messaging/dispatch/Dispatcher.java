package io.leadwire.messaging.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

import io.leadwire.common.context.Environment;
import io.leadwire.messaging.message.CampaignMessages;
import io.leadwire.messaging.message.Message;
import io.leadwire.messaging.message.MessageEvents;
import io.leadwire.messaging.message.MessageStatus;
import io.leadwire.messaging.message.MessageStore;
import io.leadwire.messaging.message.Outbound;
import io.leadwire.messaging.number.NumberChecks;
import io.leadwire.messaging.provider.MessagingProvider;
import io.leadwire.messaging.provider.ProviderException;
import io.leadwire.messaging.provider.ProviderIds;
import io.leadwire.messaging.provider.Providers;
import io.leadwire.messaging.session.Session;
import io.leadwire.messaging.session.SessionStore;
import tools.jackson.databind.ObjectMapper;

/**
 * Sends what the send log holds, paced per session. Dispatch requests arrive on
 * {@value MessageEvents#DISPATCH} keyed by session, so one consumer owns a session's
 * requests. Before each send the session's slot is taken in one atomic write
 * ({@link SessionStore#takeSendSlot}): if the session sent less than its interval ago,
 * the consumer waits for the slot when it opens within two seconds, and otherwise puts
 * the request back and pauses until then ({@code nack(sleep)}), so no replica ever sends
 * faster than the session's rate.
 * <p>
 * Never twice: the message is marked {@code sendingAt} before the provider is called. A
 * send whose outcome is unknown — a redelivered request finds the mark (the process died
 * mid-call), or the provider timed out — is reconciled before anything is retried: the
 * provider is asked whether it has the message ({@code lookup}); if it does, the message
 * is sent, if not it goes again (at most {@value #MAX_ATTEMPTS} times). A provider that
 * keeps no record we can ask (Cloud) names our message in its status webhooks instead:
 * the message waits for one ({@link ProviderRecords}), and is never sent a second time.
 */
@Component
class Dispatcher {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	/** Waits up to this long happen on the consumer's thread; longer ones pause it. */
	private static final Duration SHORT_WAIT = Duration.ofSeconds(2);

	/** When a request is looked at again after its provider could not be asked. */
	private static final Duration RETRY = Duration.ofSeconds(1);

	/**
	 * How long one poll's requests may take before the rest are left to the next poll.
	 */
	private static final Duration BATCH_TIME = Duration.ofSeconds(30);

	/** Sends of one message tried at most this often before it fails. */
	private static final int MAX_ATTEMPTS = 5;

	private final MessageStore messages;

	private final SessionStore sessions;

	private final Providers providers;

	private final ObjectMapper json;

	private final NumberChecks checks;

	private final CampaignMessages campaigns;

	private final ProviderMeters meters;

	Dispatcher(MessageStore messages, SessionStore sessions, Providers providers, ObjectMapper json,
			NumberChecks checks, CampaignMessages campaigns, ProviderMeters meters) {
		this.meters = meters;
		this.campaigns = campaigns;
		this.messages = messages;
		this.sessions = sessions;
		this.providers = providers;
		this.json = json;
		this.checks = checks;
	}

	/**
	 * A poll's requests at once: their messages are made in two bulk writes, then each is
	 * sent in order. A request that must wait (its session's slot is more than
	 * {@link #SHORT_WAIT} away, or its outcome is being reconciled) is put back with all
	 * after it ({@code nack}); the ones before it are done.
	 */
	@KafkaListener(topics = MessageEvents.DISPATCH, groupId = "messaging-dispatch", batch = "true")
	void on(List<String> values, Acknowledgment ack) {
		List<Message> batch = messages(
				values.stream().map((value) -> this.json.readValue(value, Event.class)).toList());
		Map<Long, Optional<Session>> sessions = new HashMap<>();
		long deadline = System.nanoTime() + BATCH_TIME.toNanos();
		for (int i = 0; i < batch.size(); i++) {
			if (System.nanoTime() > deadline) {
				// Long enough on one poll (slow sessions): the rest comes with the next.
				ack.nack(i, Duration.ofMillis(1));
				return;
			}
			Duration retry = handle(batch.get(i), sessions);
			if (retry != null) {
				ack.nack(i, retry);
				return;
			}
		}
		ack.acknowledge();
	}

	/** Sends one message; null when its request is done with, else when to look again. */
	private Duration handle(Message message, Map<Long, Optional<Session>> sessions) {
		if (message == null || !message.status().equals(MessageStatus.QUEUED.wireName())) {
			return null;
		}
		Session session = sessions.computeIfAbsent(message.sessionId(), this.sessions::find).orElse(null);
		if (session == null) {
			this.messages.advance(message, MessageStatus.FAILED, Instant.now(), "the session was deleted");
			return null;
		}
		if (message.sendingAt() != null) {
			return reconcile(message, session);
		}
		Duration wait = this.sessions.takeSendSlot(session, Instant.now());
		while (wait != null && wait.compareTo(SHORT_WAIT) <= 0) {
			// A slot about to open: wait here rather than pay a pause and a refetch.
			sleep(wait);
			wait = this.sessions.takeSendSlot(session, Instant.now());
		}
		if (wait != null) {
			return wait;
		}
		if (!this.messages.startSending(message.id())) {
			return null;
		}
		// The outcome unknown: the redelivered request reconciles it first.
		return send(message, session) ? null : this.providers.get(session.provider()).lookupAfter();
	}

	/**
	 * A message handed to its provider without a known outcome (this process died during
	 * the call, or the call timed out): asks the provider whether it has it. Found, it is
	 * sent; not found, it is sent again (null: the request is done with, else when to
	 * look again). A provider that keeps no record we can ask: the message waits for the
	 * provider's status webhook naming it.
	 */
	private Duration reconcile(Message message, Session session) {
		MessagingProvider provider = this.providers.get(session.provider());
		if (!provider.capabilities().reconciles()) {
			// Its status webhooks will name the message if the provider has it
			// (ProviderRecords); it is never sent again.
			if (this.messages.awaitProviderRecord(message.id(), message.sendingAt())) {
				log.info("Message {}: outcome unknown; waiting for {} to name it in a status", message.id(),
						provider.name());
			}
			return null;
		}
		try {
			java.util.Optional<String> found = provider.lookup(Outbound.of(message, session.providerSession()),
					message.sendingAt().minusSeconds(5));
			if (found.isPresent()) {
				log.info("Message {} reconciled: {} had it", message.id(), provider.name());
				this.messages.sent(message, ProviderIds.ref(session.id(), found.get()));
				return null;
			}
			if (this.messages.attempts(message.id()) >= MAX_ATTEMPTS) {
				this.messages.advance(message, MessageStatus.FAILED, Instant.now(),
						"the provider did not answer in " + MAX_ATTEMPTS + " attempts");
				return null;
			}
			// Never reached the provider: it goes again, through the pace like any send.
			this.messages.clearSending(message.id(), message.sendingAt());
			return Duration.ofMillis(1);
		}
		catch (ProviderException ex) {
			this.meters.error(provider.name(), ex);
			return RETRY;
		}
	}

	/**
	 * The messages requests are for, in order (null for a request that names none): a
	 * single send's is in the send log already; a campaign's is made from its request,
	 * once however often it comes (all of a poll's at once).
	 */
	private List<Message> messages(List<Event> events) {
		List<Message> found = new ArrayList<>(java.util.Collections.nCopies(events.size(), null));
		List<Integer> campaignIndexes = new ArrayList<>();
		List<CampaignMessages.Request> campaignRequests = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			Event event = events.get(i);
			Request request = event.payload();
			if (request == null || event.tenantId() == null || event.environment() == null) {
				continue;
			}
			if (request.messageId() != null) {
				found.set(i, this.messages.find(request.messageId()).orElse(null));
			}
			else if (request.campaignId() == null || request.recipientId() == null || request.to() == null
					|| request.type() == null) {
				log.warn("Dispatch request {} names no message and no campaign recipient: dropped", event.eventId());
			}
			else {
				campaignIndexes.add(i);
				campaignRequests.add(new CampaignMessages.Request(event.tenantId(), event.environment(),
						request.sessionId(), request.campaignId(), request.recipientId(), request.to(), request.type(),
						request.text(), request.mediaUrl()));
			}
		}
		List<Message> made = this.campaigns.acceptAll(campaignRequests);
		for (int i = 0; i < made.size(); i++) {
			found.set(campaignIndexes.get(i), made.get(i));
		}
		return found;
	}

	private static void sleep(Duration wait) {
		try {
			Thread.sleep(Math.max(1, wait.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** False when the outcome is unknown (a retryable failure: timeout, 5xx). */
	private boolean send(Message message, Session session) {
		MessagingProvider provider = this.providers.get(session.provider());
		try {
			String chatId = this.checks.chatIdForSend(session, message.to());
			String providerId = provider.send(Outbound.of(message, session.providerSession(), chatId));
			this.messages.sent(message, ProviderIds.ref(session.id(), providerId));
			this.meters.sent(provider.name());
		}
		catch (ProviderException ex) {
			this.meters.failed(provider.name(), ex);
			if (ex.retryable()) {
				log.warn("Message {}: {} gave no answer ({}); reconciling", message.id(), provider.name(),
						ex.getMessage());
				return false;
			}
			log.warn("Message {} refused by {}: {}", message.id(), provider.name(), ex.getMessage());
			this.messages.advance(message, MessageStatus.FAILED, Instant.now(), ex.getMessage());
		}
		return true;
	}

	/** The envelope as this consumer reads it. */
	record Event(String eventId, String type, Long tenantId, Environment environment, Request payload) {
	}

	/**
	 * A single send's request ({@code messageId}) or a campaign's: its recipient and the
	 * frozen message.
	 */
	record Request(Long messageId, long sessionId, Long campaignId, String recipientId, String to, String type,
			String text, String mediaUrl) {
	}

}
