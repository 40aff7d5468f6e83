package io.leadwire.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How webhooks are delivered (docs/webhooks.md, "Delivery").
 *
 * @param retrySchedule the wait after each failed attempt: one attempt at once, then one
 * after each of these; when they are used up the message is dead-lettered (by default 8
 * attempts over about 28 hours)
 * @param connectTimeout how long a connection to an endpoint may take
 * @param timeout how long an attempt may take in all (connect, send, answer)
 * @param inFlight deliveries in flight at once on this replica
 * @param tenantInFlight of those, at most this many for one tenant, so a tenant whose
 * endpoint is slow or dead holds only its share
 * @param endpointInFlight of those, at most this many to one endpoint
 * @param lease how long a replica owns a message it claimed (longer than an attempt)
 * @param pollInterval how often due retries are looked for
 * @param disableAfter an endpoint whose deliveries have all failed for this long is
 * disabled when one of its messages is dead-lettered
 * @param maxEndpoints endpoints per tenant and environment
 * @param retention delivered and dead messages, and the delivery log, are kept this long
 * @param testHosts for tests only: host names pinned to addresses the address guard would
 * refuse (a receiver on loopback)
 */
@Validated
@ConfigurationProperties("leadwire.webhooks")
public record WebhookProperties(@NotEmpty @DefaultValue( {
		"5s", "5m", "30m", "2h", "5h", "10h", "10h" }) List<Duration> retrySchedule,
		@DefaultValue("2s") Duration connectTimeout, @DefaultValue("10s") Duration timeout,
		@Min(1) @DefaultValue("256") int inFlight, @Min(1) @DefaultValue("16") int tenantInFlight,
		@Min(1) @DefaultValue("8") int endpointInFlight, @DefaultValue("60s") Duration lease,
		@DefaultValue("500ms") Duration pollInterval, @DefaultValue("3d") Duration disableAfter,
		@Min(1) @Max(1000) @DefaultValue("20") int maxEndpoints, @DefaultValue("30d") Duration retention,
		@DefaultValue Map<String, String> testHosts){

	/** Attempts a message gets before it is dead-lettered. */
	public int maxAttempts() {
		return this.retrySchedule.size() + 1;
	}

}
