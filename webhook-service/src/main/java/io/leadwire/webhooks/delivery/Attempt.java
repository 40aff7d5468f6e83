package io.leadwire.webhooks.delivery;

import java.time.Instant;

import io.leadwire.common.context.Environment;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One delivery attempt, for the endpoint's delivery log: when, the HTTP status (null when
 * none came: {@code error} says why), and how long it took. Its id is the message's, the
 * round's and the attempt's number, so writing it twice keeps one. {@code replica} made
 * it (not shown by the API; for operators).
 */
@Document("webhook_attempts")
@CompoundIndex(name = "log", def = "{'endpointId': 1, 'at': -1}")
public record Attempt(@Id String id, long tenantId, Environment environment, long endpointId, long messageId,
		String eventType, int round, int attempt, Instant at, Integer statusCode, long latencyMs, String error,
		boolean succeeded, String replica) {

}
