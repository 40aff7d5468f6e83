package io.leadwire.messaging.message;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A message as the API shows it (docs/api.md §5). */
record MessageView(long id, long sessionId, Long campaignId, String direction, String to, String from, String type,
		Map<String, Object> content, String status, List<Message.StatusChange> statusHistory, String error,
		Instant createdAt, Instant updatedAt) {

	static MessageView of(Message message) {
		return new MessageView(message.id(), message.sessionId(), message.campaignId(), message.direction(),
				message.to(), message.from(), message.type(), message.content(), message.status(),
				(message.statusHistory() != null) ? message.statusHistory() : List.of(), message.error(),
				message.createdAt(), message.updatedAt());
	}

}
