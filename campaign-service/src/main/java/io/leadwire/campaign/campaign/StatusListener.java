package io.leadwire.campaign.campaign;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.leadwire.campaign.recipients.CampaignRecipient;
import io.leadwire.campaign.recipients.RecipientStore;
import io.leadwire.common.event.EventHeaders;
import tools.jackson.databind.ObjectMapper;

/**
 * Follows campaign messages on {@code message.status}: each recipient's status only moves
 * forward ({@code sent < delivered < read}; {@code failed} only before {@code sent}... or
 * after it, when the provider reports the failure late), in one conditional write with
 * the time it was reached, so a redelivered or late event changes nothing. A message
 * messaging dropped unsent because its campaign was cancelled puts its recipient back
 * among those never sent to ({@code pending}, as the cancel left the others). Analytics
 * count these recipients, so no counter can count an event twice. A single send's status
 * (header {@link EventHeaders#CAMPAIGN} {@code none}) is passed over unparsed.
 */
@Component
class StatusListener {

	private final RecipientStore recipients;

	private final ObjectMapper json;

	private final AutoPause autoPause;

	StatusListener(RecipientStore recipients, ObjectMapper json, AutoPause autoPause) {
		this.recipients = recipients;
		this.json = json;
		this.autoPause = autoPause;
	}

	/**
	 * A poll's statuses at once: every move but failures in one ordered bulk write (they
	 * are conditional and forward-only, so a duplicate changes nothing); a failure on its
	 * own, as the failure streak must know whether it moved. A campaign that had a
	 * message sent has its streak reset once per poll.
	 */
	@KafkaListener(topics = "message.status", groupId = "campaign-status", batch = "true")
	void on(List<ConsumerRecord<String, String>> records) {
		List<String> unsent = new ArrayList<>();
		List<RecipientStore.StatusMove> forward = new ArrayList<>();
		List<Status> failures = new ArrayList<>();
		Set<Long> sent = new HashSet<>();
		for (ConsumerRecord<String, String> record : records) {
			if (!concernsACampaign(record)) {
				continue;
			}
			Status status = this.json.readValue(record.value(), Event.class).payload();
			if (status == null || status.campaignId() == null || status.to() == null
					|| !RecipientStore.RANKS.containsKey(status.status())) {
				continue;
			}
			if (status.status().equals("failed") && status.error() != null
					&& status.error().startsWith(CampaignEvents.CANCELLED)) {
				// Dropped unsent by messaging: its campaign was cancelled.
				unsent.add(CampaignRecipient.idOf(status.campaignId(), status.to()));
			}
			else if (status.status().equals("failed")) {
				failures.add(status);
			}
			else {
				forward.add(status.move());
				if (status.status().equals("sent")) {
					sent.add(status.campaignId());
				}
			}
		}
		// Failures first, as they always were: a failure counts before delivery.
		for (Status failure : failures) {
			if (this.recipients.fail(failure.move())) {
				this.autoPause.failed(failure.campaignId(), failure.error());
			}
		}
		this.recipients.apply(unsent, forward);
		this.autoPause.sent(sent);
	}

	/**
	 * Whether the record may be a campaign message's status: all but those marked as a
	 * single send's (a record without the header is parsed, as before it existed).
	 */
	static boolean concernsACampaign(ConsumerRecord<String, String> record) {
		return !EventHeaders.NO_CAMPAIGN.equals(EventHeaders.get(record, EventHeaders.CAMPAIGN));
	}

	record Event(String eventId, String type, Status payload) {
	}

	record Status(long messageId, Long campaignId, String to, String status, Instant at, String error) {

		RecipientStore.StatusMove move() {
			return new RecipientStore.StatusMove(CampaignRecipient.idOf(this.campaignId, this.to), this.messageId,
					this.status, this.at, this.error);
		}

	}

}
