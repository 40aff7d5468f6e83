package io.leadwire.campaign.campaign;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.leadwire.campaign.delivery.SessionNumbers;
import io.leadwire.common.event.EventHeaders;
import tools.jackson.databind.ObjectMapper;

/**
 * Pauses a running campaign by itself when going on would get its number banned: a
 * provider's ban or limit signal (Meta 131056 pair rate limit, 130429 throughput, 131048
 * spam limit), {@code leadwire.campaign.failure-streak} (10) of its messages failing in a
 * row, its session {@code FAILED}, {@code STOPPED} or deleted (WAHA logged out), or its
 * Cloud number's quality rating dropping to {@code RED} (the session events' facts are
 * kept in {@link SessionNumbers} on the way). The reason shows on the campaign
 * ({@code pauseReason}) and {@code CampaignAutoPaused} goes out on
 * {@code campaign.events} in the same write. Resuming is the user's call.
 */
@Component
class AutoPause {

	private static final Set<String> READ = Set.of("SessionStatusChanged", "SessionDeleted");

	private static final Logger log = LoggerFactory.getLogger(AutoPause.class);

	private static final Pattern BAN_SIGNAL = Pattern.compile("\\b(131056|130429|131048)\\b");

	private final CampaignStore store;

	private final ObjectMapper json;

	private final int failureStreak;

	private final SessionNumbers numbers;

	AutoPause(CampaignStore store, ObjectMapper json,
			@Value("${leadwire.campaign.failure-streak:10}") int failureStreak, SessionNumbers numbers) {
		this.numbers = numbers;
		this.store = store;
		this.json = json;
		this.failureStreak = failureStreak;
	}

	/** A recipient's message failed (counted once: the caller moved the recipient). */
	void failed(long campaignId, String error) {
		Matcher signal = BAN_SIGNAL.matcher((error != null) ? error : "");
		if (signal.find()) {
			pause(campaignId, "the provider signalled a limit (" + signal.group(1) + "): " + error);
			return;
		}
		Integer streak = this.store.failedAgain(campaignId);
		if (streak != null && streak >= this.failureStreak) {
			pause(campaignId, streak + " messages in a row failed (the last: " + error + ")");
		}
	}

	/** These campaigns' messages went out: their streaks of failures are broken. */
	void sent(Collection<Long> campaignIds) {
		this.store.streaksBroken(campaignIds);
	}

	@KafkaListener(topics = "messaging.events", groupId = "campaign-sessions")
	void on(ConsumerRecord<String, String> record) {
		if (EventHeaders.passOver(record, READ)) {
			return;
		}
		SessionEvent event = this.json.readValue(record.value(), SessionEvent.class);
		boolean gone = "SessionDeleted".equals(event.type());
		if (event.payload() == null || event.tenantId() == null
				|| !gone && !"SessionStatusChanged".equals(event.type())) {
			return;
		}
		SessionPayload session = this.json.treeToValue(event.payload(), SessionPayload.class);
		String status = session.status();
		SessionNumbers.Applied applied = this.numbers.apply(new SessionNumbers.SessionNumber(session.sessionId(),
				event.tenantId(), event.environment(), session.provider(), session.wabaId(), session.qualityRating(),
				session.messagingLimitTier(), session.throughput(), gone, session.revision()));
		if (applied.applied() && !gone && "RED".equals(session.qualityRating())
				&& !"RED".equals(applied.qualityBefore())) {
			for (Campaign campaign : this.store.running(event.tenantId(), session.sessionId())) {
				pause(campaign.id(), "its number's quality rating dropped to RED (Meta: many recipients blocked or"
						+ " reported its messages); sending more risks a lower messaging limit or a ban — resume once"
						+ " the rating recovers");
			}
			return;
		}
		if (!gone && !("SessionStatusChanged".equals(event.type())
				&& ("FAILED".equals(status) || "STOPPED".equals(status)))) {
			return;
		}
		List<Campaign> running = this.store.running(event.tenantId(), session.sessionId());
		for (Campaign campaign : running) {
			pause(campaign.id(), gone ? "its WhatsApp session was deleted"
					: "its WhatsApp session is " + status + " (logged out or banned?)");
		}
	}

	/**
	 * Pauses the campaign if it runs, conditioned on the version read (the control event
	 * names the version the pause makes); a concurrent move makes it read again.
	 */
	private void pause(long campaignId, String reason) {
		for (int attempt = 0; attempt < 5; attempt++) {
			Campaign campaign = this.store.findById(campaignId);
			Campaign.Transition pause = (campaign != null) ? campaign.autoPause(reason, Instant.now()) : null;
			if (pause == null) {
				return;
			}
			if (this.store.apply(campaign, pause) != null) {
				log.warn("Campaign {} auto-paused: {}", campaignId, reason);
				return;
			}
		}
	}

	/**
	 * The envelope as this consumer reads it; the payload is read as a session's once the
	 * type says it is one (the topic carries other events: inbound messages, opt-outs).
	 */
	record SessionEvent(String type, Long tenantId, io.leadwire.common.context.Environment environment,
			tools.jackson.databind.JsonNode payload) {
	}

	/**
	 * A session event's facts: its status, and what Meta says of a Cloud number (quality,
	 * messaging limit tier, throughput).
	 */
	record SessionPayload(long sessionId, String status, String provider, String wabaId, long revision,
			String qualityRating, String messagingLimitTier, String throughput) {
	}

}
