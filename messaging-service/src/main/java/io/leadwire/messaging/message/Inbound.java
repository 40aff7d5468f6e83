package io.leadwire.messaging.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import io.leadwire.common.id.IdAllocator;
import io.leadwire.common.outbox.OutboxEvent;
import io.leadwire.messaging.provider.ProviderIds;
import io.leadwire.messaging.session.Session;
import tools.jackson.databind.ObjectMapper;

/**
 * Inbound messages: stored once each (their provider id is unique) with
 * {@code MessageReceived} (for tenants' webhooks) in the same write, and a reply that is
 * one of the stop keywords ({@code leadwire.messaging.stop-keywords}, compared without
 * case, spaces or punctuation: STOP, STOPP, ARRET, ALTO, PARAR, BAJA, UNSUBSCRIBE by
 * default) publishes {@code OptOutRequested} for contacts in the same write.
 */
@Service
public class Inbound {

	private final MessageStore store;

	private final IdAllocator ids;

	private final ObjectMapper json;

	private final Set<String> stopKeywords;

	private final CustomerWindows windows;

	Inbound(MessageStore store, IdAllocator ids, ObjectMapper json, CustomerWindows windows,
			@Value("${leadwire.messaging.stop-keywords:STOP,STOPP,ARRET,ALTO,PARAR,BAJA,UNSUBSCRIBE}") List<String> stopKeywords) {
		this.store = store;
		this.ids = ids;
		this.json = json;
		this.windows = windows;
		this.stopKeywords = stopKeywords.stream().map(Inbound::normalise).collect(Collectors.toSet());
	}

	/** Stores a received message; returns whether it was new. */
	public boolean received(Session session, String providerId, String fromChat, String text, Instant at) {
		String ref = ProviderIds.ref(session.id(), providerId);
		String digits = fromChat.replaceFirst("@.*$", "");
		if (ref == null || digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
			return false;
		}
		String from = "+" + digits;
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Message message = new Message(this.ids.next(), session.tenantId(), session.environment(), session.id(), null,
				"inbound", session.phone(), from, "text", Map.of("message", (text != null) ? text : ""),
				MessageStatus.RECEIVED.wireName(), MessageStatus.RECEIVED.rank(),
				List.of(new Message.StatusChange(MessageStatus.RECEIVED.wireName(),
						(at.getEpochSecond() > 0) ? at : now)),
				null, ref, null, now, now, null);
		this.windows.opened(session.id(), from, message.statusHistory().get(0).at());
		List<OutboxEvent> events = new java.util.ArrayList<>();
		events.add(MessageEvents.received(message, this.json));
		if (isStop(text)) {
			events.add(MessageEvents.optOut(session.scope(), from, message.id(), text.strip(), this.json));
		}
		return this.store.insertInbound(message, events);
	}

	boolean isStop(String text) {
		return text != null && this.stopKeywords.contains(normalise(text));
	}

	private static String normalise(String text) {
		return text.replaceAll("[\\p{Punct}\\s]", "").toUpperCase(Locale.ROOT);
	}

}
