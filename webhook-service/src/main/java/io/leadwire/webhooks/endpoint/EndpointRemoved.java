package io.leadwire.webhooks.endpoint;

/** An endpoint was deleted: its messages and delivery log go too. */
public record EndpointRemoved(long endpointId) {

}
