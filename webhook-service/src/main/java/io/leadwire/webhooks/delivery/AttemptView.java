package io.leadwire.webhooks.delivery;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One delivery attempt in an endpoint's log.
 *
 * @param messageId the message tried
 * @param round 0, then one more for each replay
 * @param attempt the attempt's number in its round (1 is the first)
 * @param statusCode the endpoint's HTTP status; none when no answer came
 * @param latencyMs from sending to the answer (or the failure)
 * @param error why it failed, when it did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttemptView(long messageId, long endpointId, String eventType, int round, int attempt, Instant at,
		Integer statusCode, long latencyMs, boolean succeeded, String error) {

	static AttemptView of(Attempt attempt) {
		return new AttemptView(attempt.messageId(), attempt.endpointId(), attempt.eventType(), attempt.round(),
				attempt.attempt(), attempt.at(), attempt.statusCode(), attempt.latencyMs(), attempt.succeeded(),
				attempt.error());
	}

}
