package io.leadwire.messaging.dispatch;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.leadwire.common.outbox.OutboxRelay;
import io.leadwire.messaging.message.Message;
import io.leadwire.messaging.message.MessageStatus;
import io.leadwire.messaging.message.MessageStore;

/**
 * Sends of unknown outcome to a provider that keeps no record we can ask (Cloud): each
 * waits for a status webhook that names it ({@code biz_opaque_callback_data}, adopted by
 * the webhook), and one that none named within {@code record-window} fails — the provider
 * most likely never had it, but sending it again could put a second copy on the
 * recipient's phone. Every replica looks; the conditional status move lets one fail it.
 */
@Component
class ProviderRecords {

	private static final Logger log = LoggerFactory.getLogger(ProviderRecords.class);

	private final MessageStore messages;

	private final Duration window;

	private final org.springframework.beans.factory.ObjectProvider<OutboxRelay> relay;

	ProviderRecords(MessageStore messages, @Value("${leadwire.messaging.cloud.record-window:10m}") Duration window,
			org.springframework.beans.factory.ObjectProvider<OutboxRelay> relay) {
		this.messages = messages;
		this.window = window;
		this.relay = relay;
	}

	@Scheduled(fixedDelayString = "${leadwire.messaging.cloud.record-poll:30s}")
	void failUnnamed() {
		int failed = 0;
		for (Message message : this.messages.awaitingSince(Instant.now().minus(this.window), 500)) {
			if (this.messages.advance(message, MessageStatus.FAILED, Instant.now(),
					"the provider gave no record of it within " + this.window
							+ " after its answer was lost; not sent again to avoid a duplicate")) {
				failed++;
			}
		}
		if (failed > 0) {
			log.warn("{} messages of unknown outcome failed: their provider never named them", failed);
			this.relay.ifAvailable(OutboxRelay::nudge);
		}
	}

}
