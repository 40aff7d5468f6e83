package io.leadwire.messaging.provider.cloud;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.leadwire.messaging.provider.NumberHealth;
import io.leadwire.messaging.session.Session;
import io.leadwire.messaging.session.SessionStore;
import tools.jackson.databind.JsonNode;

/**
 * Keeps what Meta says of each Cloud number (docs/deliverability.md, "Meta's tiers") from
 * its webhooks, which name the WhatsApp Business Account ({@code entry.id}):
 * <ul>
 * <li>{@code business_capability_update}: the business portfolio's messaging limit
 * ({@code max_daily_conversations_per_business}, a tier or a number; the older
 * {@code max_daily_conversation_per_phone}, -1 unlimited) for every number of the
 * account;</li>
 * <li>{@code phone_number_quality_update} for the number {@code display_phone_number}
 * names: {@code FLAGGED} (quality dropped to low: RED), {@code UNFLAGGED} (GREEN),
 * {@code THROUGHPUT_UPGRADE} (1,000 messages a second), and a new messaging limit
 * ({@code max_daily_conversations_per_business}, else {@code current_limit}). The
 * account's numbers are then read again from the Graph API, off the webhook's thread, for
 * the exact rating (YELLOW included).</li>
 * </ul>
 * Each change is a new revision of the session, with its event
 * ({@link SessionStore#setHealth}); the same webhook twice changes nothing.
 */
@Component
public class CloudNumbers implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(CloudNumbers.class);

	private final SessionStore sessions;

	private final ObjectProvider<CloudProvider> provider;

	private final ExecutorService reads = Executors
		.newSingleThreadExecutor(Thread.ofPlatform().name("cloud-number-reads").daemon().factory());

	CloudNumbers(SessionStore sessions, ObjectProvider<CloudProvider> provider) {
		this.sessions = sessions;
		this.provider = provider;
	}

	/** A webhook change of {@code field} for the account {@code wabaId}. */
	void changed(String wabaId, String field, JsonNode value) {
		List<Session> numbers = this.sessions.byWaba(wabaId)
			.stream()
			.filter((session) -> "cloud".equals(session.provider()))
			.toList();
		if (numbers.isEmpty()) {
			log.warn("Cloud webhook {} for an account with no session ignored", field);
			return;
		}
		Instant now = Instant.now();
		String portfolioTier = NumberHealth.tier(raw(value.path("max_daily_conversations_per_business")));
		if (field.equals("business_capability_update")) {
			String tier = (portfolioTier != null) ? portfolioTier
					: NumberHealth.tier(raw(value.path("max_daily_conversation_per_phone")));
			if (tier != null) {
				numbers.forEach(
						(session) -> this.sessions.setHealth(session.id(), (health) -> health.withTier(tier, now)));
			}
			return;
		}
		String event = value.path("event").asString("").toUpperCase(Locale.ROOT);
		String quality = switch (event) {
			case "FLAGGED" -> "RED";
			case "UNFLAGGED" -> "GREEN";
			default -> null;
		};
		boolean upgraded = event.equals("THROUGHPUT_UPGRADE");
		// On a throughput upgrade current_limit names the throughput, not a limit.
		String tier = (portfolioTier != null) ? portfolioTier
				: upgraded ? null : NumberHealth.tier(value.path("current_limit").asString(null));
		String display = digits(value.path("display_phone_number").asString(""));
		List<Session> named = numbers.stream()
			.filter((session) -> !display.isEmpty() && display.equals(digits(session.phone())))
			.toList();
		if (named.isEmpty() && numbers.size() == 1) {
			named = numbers;
		}
		for (Session session : numbers) {
			boolean isNamed = named.contains(session);
			this.sessions.setHealth(session.id(), (health) -> {
				NumberHealth changed = (tier != null) ? health.withTier(tier, now) : health;
				if (isNamed && quality != null) {
					changed = changed.withQuality(quality, now);
				}
				if (isNamed && upgraded) {
					changed = changed.withThroughput("HIGH", now);
				}
				return changed;
			});
		}
		numbers.forEach(this::readAgain);
	}

	/** Reads the number's standing from the Graph API, off the caller's thread. */
	private void readAgain(Session session) {
		CloudProvider cloud = this.provider.getIfAvailable();
		if (cloud == null) {
			return;
		}
		this.reads.execute(() -> {
			try {
				cloud.readHealth(session.providerSession())
					.ifPresent((read) -> this.sessions.setHealth(session.id(), (health) -> read));
			}
			catch (RuntimeException ex) {
				log.warn("Reading the number of session {} again failed", session.id(), ex);
			}
		});
	}

	private static Object raw(JsonNode node) {
		if (node.isNumber()) {
			return node.asLong();
		}
		return node.isString() ? node.asString() : null;
	}

	private static String digits(String phone) {
		return (phone == null) ? "" : phone.replaceAll("\\D", "");
	}

	@Override
	public void destroy() {
		this.reads.shutdownNow();
	}

}
