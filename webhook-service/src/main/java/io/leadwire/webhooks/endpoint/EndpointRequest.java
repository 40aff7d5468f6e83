package io.leadwire.webhooks.endpoint;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The fields of an endpoint to change ({@code PATCH}: only those given).
 *
 * @param url where events are posted: {@code https://} (or {@code http://}) on a public
 * host; at most 2,048 characters
 * @param description a note for people (at most 500 characters)
 * @param eventTypes the event types to send ({@code GET /v1/webhooks/event-types}); none
 * or empty: all
 * @param enabled false pauses deliveries (they are kept as dead-lettered, to replay);
 * true enables a disabled endpoint again
 */
public record EndpointRequest(@Size(max = 2048) String url, @Size(max = 500) String description,
		@Size(max = 50) List<@NotBlank @Size(max = 64) String> eventTypes, Boolean enabled) {

}
