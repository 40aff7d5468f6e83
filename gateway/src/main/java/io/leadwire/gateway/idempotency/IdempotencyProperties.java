package io.leadwire.gateway.idempotency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code Idempotency-Key} handling (docs/api.md §1).
 *
 * @param retention how long a first response is kept and replayed
 * @param inFlight how long a request's claim on its key outlives a gateway that died
 * while forwarding it
 * @param maxResponse the largest response kept for replay; a larger one releases the key
 * @param redisTimeout the longest a Redis call may take before the request is refused
 * with 503
 */
@ConfigurationProperties("leadwire.gateway.idempotency")
public record IdempotencyProperties(@DefaultValue("24h") Duration retention, @DefaultValue("2m") Duration inFlight,
		@DefaultValue("1MB") DataSize maxResponse, @DefaultValue("500ms") Duration redisTimeout) {
}
