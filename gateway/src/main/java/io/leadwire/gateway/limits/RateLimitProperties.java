package io.leadwire.gateway.limits;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits (docs/api.md §1): the plans' defaults, the per-client-IP limit, which
 * proxies may name the client, and how long to wait for Redis before the per-replica
 * fallback decides.
 *
 * @param plans limits by plan name
 * @param ip the limit of one client address, authenticated or not
 * @param trustedProxies addresses whose {@code X-Forwarded-For} is believed
 * @param redisTimeout the longest a decision waits for Redis
 */
@ConfigurationProperties("leadwire.gateway.rate-limits")
public record RateLimitProperties(Map<String, Limit> plans, @DefaultValue Ip ip,
		@DefaultValue List<String> trustedProxies, @DefaultValue("100ms") Duration redisTimeout) {

	/** The plan of a tenant that has none. */
	static final String DEFAULT_PLAN = "free";

	/** docs/api.md's plans; configured plans replace these one by one. */
	static final Map<String, Limit> DEFAULT_PLANS = Map.of("free", new Limit(10, 10, 500), "starter",
			new Limit(60, 30, 10_000), "professional", new Limit(200, 100, 50_000), "enterprise",
			new Limit(1_000, 500, 500_000));

	public RateLimitProperties {
		java.util.Map<String, Limit> merged = new java.util.HashMap<>(DEFAULT_PLANS);
		if (plans != null) {
			merged.putAll(plans);
		}
		plans = Map.copyOf(merged);
	}

	/** One client address's limit, before and after authentication. */
	public record Ip(@DefaultValue("1200") int perMinute, @DefaultValue("600") int burst,
			@DefaultValue("500000") int perDay) {

		Limit limit() {
			return new Limit(this.perMinute, this.burst, this.perDay);
		}

	}

	Limit plan(String name) {
		Limit limit = (name != null) ? this.plans.get(name) : null;
		return (limit != null) ? limit : this.plans.get(DEFAULT_PLAN);
	}

	/**
	 * A minute token bucket ({@code perMinute} refill, {@code burst} capacity) and a
	 * UTC-day window.
	 */
	public record Limit(int perMinute, int burst, int perDay) {

		Limit capped(Integer perMinuteOverride, Integer perDayOverride) {
			int minute = (perMinuteOverride != null) ? Math.min(perMinuteOverride, this.perMinute) : this.perMinute;
			int day = (perDayOverride != null) ? Math.min(perDayOverride, this.perDay) : this.perDay;
			return new Limit(minute, Math.min(this.burst, minute), day);
		}

	}

}
