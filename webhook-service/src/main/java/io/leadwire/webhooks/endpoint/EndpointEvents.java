package io.leadwire.webhooks.endpoint;

import java.time.Instant;

import io.leadwire.common.api.RequestIds;
import io.leadwire.common.event.EventEnvelope;
import io.leadwire.common.outbox.OutboxEvent;

import tools.jackson.databind.ObjectMapper;

/**
 * What endpoints publish on {@value #TOPIC}, keyed by the endpoint:
 * {@code WebhookEndpointDisabled} when the platform disables one that keeps failing
 * (delivered to the tenant's other endpoints as {@code webhook.endpoint_disabled}).
 */
public final class EndpointEvents {

	public static final String TOPIC = "webhooks.events";

	public static final String DISABLED = "WebhookEndpointDisabled";

	private EndpointEvents() {
	}

	static OutboxEvent disabled(Endpoint endpoint, String reason, Instant at, ObjectMapper json) {
		return OutboxEvent.of(TOPIC, Long.toString(endpoint.id()), EventEnvelope.of(DISABLED, endpoint.tenantId(),
				endpoint.environment(), RequestIds.current(), new Disabled(endpoint.id(), endpoint.url(), reason, at)),
				json);
	}

	/** {@code WebhookEndpointDisabled}'s payload. */
	public record Disabled(long endpointId, String url, String reason, Instant at) {
	}

}
