package io.leadwire.campaign.campaign;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.leadwire.common.id.IdCodec;

/**
 * What the dispatch loops emit: {@code leadwire.campaign.dispatched} (by strategy) and,
 * per WhatsApp session, {@code leadwire.campaign.session.dispatched} beside the session's
 * pace {@code leadwire.campaign.session.rate.per.minute} (messages per minute of the
 * campaign it is sending), so a dashboard shows each session's sends per minute against
 * its limit. Cardinality is bounded: the first
 * {@code leadwire.campaign.metrics.session-series} (200) sessions a replica runs get
 * series of their own (tagged with the public session id); later ones share
 * {@code session="other"}.
 */
@Component
class DispatchMeters {

	private final MeterRegistry registry;

	private final IdCodec ids;

	private final int limit;

	private final Map<String, Counter> byStrategy = new ConcurrentHashMap<>();

	private final Map<Long, Session> sessions = new ConcurrentHashMap<>();

	private final Session other;

	DispatchMeters(MeterRegistry registry, IdCodec ids,
			@Value("${leadwire.campaign.metrics.session-series:200}") int limit) {
		this.registry = registry;
		this.ids = ids;
		this.limit = limit;
		this.other = new Session(registry, "other");
	}

	void emitted(Campaign campaign, int count) {
		if (count <= 0) {
			return;
		}
		String strategy = campaign.strategy().name().toLowerCase(java.util.Locale.ROOT);
		this.byStrategy
			.computeIfAbsent(strategy,
					(s) -> Counter.builder("leadwire.campaign.dispatched").tag("strategy", s).register(this.registry))
			.increment(count);
		Session session = session(campaign.gatewaySessionId());
		session.dispatched.increment(count);
		int rate = (campaign.strategy() == Strategy.BURST && campaign.sessionRatePerMinute() != null)
				? campaign.sessionRatePerMinute() : campaign.ratePerMinute();
		session.rate.set(rate);
	}

	private Session session(long sessionId) {
		Session known = this.sessions.get(sessionId);
		if (known != null) {
			return known;
		}
		if (this.sessions.size() >= this.limit) {
			return this.other;
		}
		return this.sessions.computeIfAbsent(sessionId, (id) -> new Session(this.registry, this.ids.encode(id)));
	}

	private static final class Session {

		final Counter dispatched;

		final AtomicInteger rate = new AtomicInteger();

		Session(MeterRegistry registry, String tag) {
			this.dispatched = Counter.builder("leadwire.campaign.session.dispatched")
				.tag("session", tag)
				.register(registry);
			Gauge.builder("leadwire.campaign.session.rate.per.minute", this.rate, AtomicInteger::get)
				.tag("session", tag)
				.register(registry);
		}

	}

}
