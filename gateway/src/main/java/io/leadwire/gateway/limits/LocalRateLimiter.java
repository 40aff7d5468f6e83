package io.leadwire.gateway.limits;

import java.time.Duration;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The fallback while Redis cannot answer: the same buckets, kept in this replica only.
 * With N replicas a client may get up to N times its limit during an outage; nobody waits
 * and nobody gets a 500.
 */
final class LocalRateLimiter {

	/** Tokens are fractions; a refill that adds up to a whole token must count as one. */
	private static final double EPSILON = 1e-9;

	private final Cache<String, State> minute = Caffeine.newBuilder()
		.maximumSize(200_000)
		.expireAfterAccess(Duration.ofMinutes(10))
		.build();

	private final Cache<String, long[]> day = Caffeine.newBuilder()
		.maximumSize(200_000)
		.expireAfterAccess(Duration.ofDays(1))
		.build();

	synchronized Decision check(List<Bucket> buckets, long now, long dayKey, long millisToMidnight) {
		boolean allowed = true;
		long retry = 0;
		int bestLimit = 0;
		int bestRemaining = Integer.MAX_VALUE;
		long bestReset = 0;
		double[] tokens = new double[buckets.size()];
		long[][] days = new long[buckets.size()][];
		for (int i = 0; i < buckets.size(); i++) {
			RateLimitProperties.Limit limit = buckets.get(i).limit();
			double perMs = limit.perMinute() / 60_000.0;
			State state = this.minute.get(buckets.get(i).name(), (name) -> new State(limit.burst(), now));
			tokens[i] = Math.min(limit.burst(), state.tokens + Math.max(0, now - state.at) * perMs);
			days[i] = this.day.get(buckets.get(i).name() + ":" + dayKey, (name) -> new long[1]);
			if (tokens[i] < 1 - EPSILON) {
				allowed = false;
				retry = Math.max(retry, (long) Math.ceil((1 - tokens[i]) / perMs));
			}
			if (days[i][0] >= limit.perDay()) {
				allowed = false;
				retry = Math.max(retry, millisToMidnight);
			}
			int remaining = (int) Math.min(Math.floor(tokens[i] + EPSILON), limit.perDay() - days[i][0]);
			if (remaining < bestRemaining) {
				bestRemaining = remaining;
				boolean dayIsTighter = limit.perDay() - days[i][0] < Math.floor(tokens[i] + EPSILON);
				bestLimit = dayIsTighter ? limit.perDay() : limit.perMinute();
				bestReset = dayIsTighter ? millisToMidnight : (long) Math.ceil((limit.burst() - tokens[i]) / perMs);
			}
		}
		for (int i = 0; i < buckets.size(); i++) {
			State state = this.minute.getIfPresent(buckets.get(i).name());
			state.tokens = allowed ? tokens[i] - 1 : tokens[i];
			state.at = now;
			if (allowed) {
				days[i][0]++;
			}
		}
		int remaining = Math.max(0, allowed ? bestRemaining - 1 : bestRemaining);
		return SharedRateLimiter.decision(allowed, bestLimit, remaining, bestReset, retry, now);
	}

	synchronized List<BucketState> peek(List<Bucket> buckets, long now, long dayKey) {
		List<BucketState> states = new java.util.ArrayList<>(buckets.size());
		for (Bucket bucket : buckets) {
			RateLimitProperties.Limit limit = bucket.limit();
			State state = this.minute.getIfPresent(bucket.name());
			double tokens = (state != null)
					? Math.min(limit.burst(), state.tokens + Math.max(0, now - state.at) * limit.perMinute() / 60_000.0)
					: limit.burst();
			long[] day = this.day.getIfPresent(bucket.name() + ":" + dayKey);
			states.add(new BucketState(tokens, (day != null) ? day[0] : 0));
		}
		return states;
	}

	private static final class State {

		double tokens;

		long at;

		State(double tokens, long at) {
			this.tokens = tokens;
			this.at = at;
		}

	}

}
