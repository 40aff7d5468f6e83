package io.leadwire.common.outbox;

/**
 * What the relay reports as it goes; gauges of what is pending are read from the store.
 */
public interface OutboxMetrics {

	OutboxMetrics NONE = new OutboxMetrics() {
	};

	default void published(String collection, int events) {
	}

	default void parked(String collection) {
	}

}
