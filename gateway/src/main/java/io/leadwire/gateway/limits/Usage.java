package io.leadwire.gateway.limits;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/usage}: what the caller may still send. {@code minute} and {@code day}
 * are the tightest of the caller's scopes (client address, key or user, tenant), which
 * are also given one by one.
 */
public record Usage(String plan, String environment, Minute minute, Day day, Map<String, Scope> scopes) {

	public record Minute(int limit, int burst, int remaining, Instant resetAt) {
	}

	public record Day(int limit, long remaining, Instant resetAt) {
	}

	public record Scope(Minute minute, Day day) {
	}

	static Usage of(String plan, String environment, List<Bucket> buckets, List<BucketState> states, long now) {
		Instant midnight = Instant.ofEpochMilli(now + SharedRateLimiter.millisToMidnight(now));
		Map<String, Scope> scopes = new LinkedHashMap<>();
		Minute tightestMinute = null;
		Day tightestDay = null;
		for (int i = 0; i < buckets.size(); i++) {
			RateLimitProperties.Limit limit = buckets.get(i).limit();
			BucketState state = states.get(i);
			long refillMillis = (long) Math.ceil((limit.burst() - state.tokens()) * 60_000.0 / limit.perMinute());
			Minute minute = new Minute(limit.perMinute(), limit.burst(), (int) Math.floor(state.tokens()),
					Instant.ofEpochMilli(now + refillMillis));
			Day day = new Day(limit.perDay(), Math.max(0, limit.perDay() - state.usedToday()), midnight);
			scopes.put(buckets.get(i).scope(), new Scope(minute, day));
			if (tightestMinute == null || minute.remaining() < tightestMinute.remaining()) {
				tightestMinute = minute;
			}
			if (tightestDay == null || day.remaining() < tightestDay.remaining()) {
				tightestDay = day;
			}
		}
		return new Usage(plan, environment, tightestMinute, tightestDay, scopes);
	}

}
