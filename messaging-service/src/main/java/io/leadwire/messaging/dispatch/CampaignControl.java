package io.leadwire.messaging.dispatch;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.leadwire.common.context.Environment;
import tools.jackson.databind.ObjectMapper;

/**
 * Follows campaigns' runs on {@value #TOPIC} (keyed by campaign): a pause holds the
 * campaign's queued messages where they are (its session's lane leaves them out), a
 * resume lets them go on, shifted by the time the campaign was paused so its pace goes on
 * where it stopped, and a cancel fails them ({@link CampaignHolds#CANCELLED}). Each event
 * carries the campaign's version: a redelivered or overtaken one changes nothing.
 */
@Component
class CampaignControl {

	static final String TOPIC = "campaign.control";

	private static final Logger log = LoggerFactory.getLogger(CampaignControl.class);

	private static final List<String> STATES = List.of("running", "paused", "cancelled");

	private final CampaignHolds holds;

	private final SendQueue queue;

	private final SendLanes lanes;

	private final ObjectMapper json;

	CampaignControl(CampaignHolds holds, SendQueue queue, SendLanes lanes, ObjectMapper json) {
		this.holds = holds;
		this.queue = queue;
		this.lanes = lanes;
		this.json = json;
	}

	@KafkaListener(topics = TOPIC, groupId = "messaging-campaign-control")
	void on(String value) {
		Event event = this.json.readValue(value, Event.class);
		CampaignHolds.Control control = event.payload();
		if (control == null || event.tenantId() == null || event.environment() == null || control.at() == null
				|| !STATES.contains(control.status())) {
			return;
		}
		CampaignHolds.Hold before = this.holds.find(control.campaignId());
		if (before != null && before.version() >= control.version()) {
			return;
		}
		if (control.status().equals("running") && before != null && before.state().equals("paused")
				&& before.pausedAt() != null) {
			// Before the state moves: a redelivery after a crash here postpones again
			// (later, never sooner).
			this.queue.postpone(control.campaignId(),
					Math.max(0, Duration.between(before.pausedAt(), control.at()).toMillis()));
		}
		if (this.holds.record(control, event.tenantId(), event.environment())) {
			log.info("Campaign {} is {} (version {})", control.campaignId(), control.status(), control.version());
			if (control.status().equals("paused")) {
				this.lanes.poke(control.sessionId());
			}
			else {
				this.lanes.wake(List.of(control.sessionId()));
			}
		}
	}

	/** The envelope as this consumer reads it. */
	record Event(String eventId, String type, Long tenantId, Environment environment, CampaignHolds.Control payload) {
	}

}
