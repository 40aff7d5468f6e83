package io.leadwire.messaging.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
import tools.jackson.databind.ObjectMapper;

/**
 * Files dispatch requests into their sessions' send queues; the session's lane
 * ({@link SendLanes}) sends them. Requests arrive on {@value MessageEvents#DISPATCH}: a
 * single send's names its message (already in the send log), a campaign's is made into
 * its message here, once however often it comes (a poll's at once,
 * {@link CampaignMessages}), due when the campaign's pace says ({@code notBefore}). The
 * poll is acknowledged once its queued messages are filed and their lanes woken, so
 * nothing here waits for a provider or a pace: a slow session never holds back a
 * partition, and a redelivered poll files nothing twice.
 */
@Component
class DispatchIntake {

	private static final Logger log = LoggerFactory.getLogger(DispatchIntake.class);

	private final MessageStore messages;

	private final ObjectMapper json;

	private final CampaignMessages campaigns;

	private final SendQueue queue;

	private final SendLanes lanes;

	DispatchIntake(MessageStore messages, ObjectMapper json, CampaignMessages campaigns, SendQueue queue,
			SendLanes lanes) {
		this.messages = messages;
		this.json = json;
		this.campaigns = campaigns;
		this.queue = queue;
		this.lanes = lanes;
	}

	@KafkaListener(topics = MessageEvents.DISPATCH, groupId = "messaging-dispatch", batch = "true")
	void on(List<String> values, Acknowledgment ack) {
		List<Event> events = values.stream().map((value) -> this.json.readValue(value, Event.class)).toList();
		List<Message> batch = messages(events);
		Map<Long, SendQueue.Entry> queued = new LinkedHashMap<>();
		long now = System.currentTimeMillis();
		for (int i = 0; i < batch.size(); i++) {
			Message message = batch.get(i);
			if (message != null && message.status().equals(MessageStatus.QUEUED.wireName())) {
				Instant notBefore = events.get(i).payload().notBefore();
				queued.put(message.id(), new SendQueue.Entry(message.id(), message.sessionId(), message.campaignId(),
						(notBefore != null) ? notBefore.toEpochMilli() : now));
			}
		}
		this.queue.add(queued.values());
		this.lanes.wake(queued.values().stream().map(SendQueue.Entry::sessionId).distinct().toList());
		ack.acknowledge();
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
				campaignRequests
					.add(new CampaignMessages.Request(event.tenantId(), event.environment(), request.sessionId(),
							request.campaignId(), request.recipientId(), request.to(), request.type(), request.text(),
							request.mediaUrl(), request.templateName(), request.language(), request.parameters()));
			}
		}
		List<Message> made = this.campaigns.acceptAll(campaignRequests);
		for (int i = 0; i < made.size(); i++) {
			found.set(campaignIndexes.get(i), made.get(i));
		}
		return found;
	}

	/** The envelope as this consumer reads it. */
	record Event(String eventId, String type, Long tenantId, Environment environment, Request payload) {
	}

	/**
	 * A single send's request ({@code messageId}) or a campaign's: its recipient, the
	 * frozen message and when the campaign's pace lets it go ({@code notBefore}; at once
	 * without).
	 */
	record Request(Long messageId, long sessionId, Long campaignId, String recipientId, String to, String type,
			String text, String mediaUrl, Instant notBefore, String templateName, String language,
			java.util.Map<String, String> parameters) {
	}

}
