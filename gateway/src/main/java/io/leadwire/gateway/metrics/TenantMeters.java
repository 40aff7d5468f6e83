package io.leadwire.gateway.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.leadwire.common.context.Environment;
import io.leadwire.common.id.IdCodec;
import io.leadwire.gateway.auth.Caller;

/**
 * Requests and rate-limit refusals per tenant ({@code leadwire.gateway.tenant.requests},
 * {@code leadwire.gateway.tenant.rate.limited}), with bounded cardinality: the first
 * {@code leadwire.gateway.metrics.tenant-series} tenants a replica sees (100 by default)
 * get series of their own, tagged with their public id; every later one is counted under
 * {@code tenant="other"}. Tags: tenant, plan (a handful of values), environment
 * (live/test). On the request path this is one map lookup by a number and an increment:
 * nothing is allocated once a tenant's series exist.
 */
@Component
public class TenantMeters {

	static final String OTHER = "other";

	private final MeterRegistry registry;

	private final IdCodec ids;

	private final int limit;

	/** By tenant id and environment ({@link #key}). */
	private final Map<Long, Series> tenants = new ConcurrentHashMap<>();

	/** The "other" series, one per plan and environment: a few at most. */
	private final List<Series> others = new CopyOnWriteArrayList<>();

	TenantMeters(MeterRegistry registry, IdCodec ids,
			@Value("${leadwire.gateway.metrics.tenant-series:100}") int limit) {
		this.registry = registry;
		this.ids = ids;
		this.limit = limit;
	}

	public void request(Caller caller) {
		series(caller).requests().increment();
	}

	public void rateLimited(Caller caller) {
		series(caller).limited().increment();
	}

	private Series series(Caller caller) {
		Series known = this.tenants.get(key(caller));
		if (known != null && Objects.equals(known.plan(), caller.plan())) {
			return known;
		}
		if (known == null && this.tenants.size() >= this.limit) {
			return other(caller);
		}
		// New, or its plan changed: series of its own (a plan change makes new ones).
		Series made = register(this.ids.encode(caller.tenantId()), caller.plan(), caller.environment());
		this.tenants.put(key(caller), made);
		return made;
	}

	private Series other(Caller caller) {
		for (Series series : this.others) {
			if (series.environment() == caller.environment() && Objects.equals(series.plan(), caller.plan())) {
				return series;
			}
		}
		synchronized (this.others) {
			for (Series series : this.others) {
				if (series.environment() == caller.environment() && Objects.equals(series.plan(), caller.plan())) {
					return series;
				}
			}
			Series made = register(OTHER, caller.plan(), caller.environment());
			this.others.add(made);
			return made;
		}
	}

	private Series register(String tenant, String plan, Environment environment) {
		String planTag = (plan != null) ? plan : "none";
		String environmentTag = environment.name().toLowerCase(Locale.ROOT);
		return new Series(plan, environment,
				Counter.builder("leadwire.gateway.tenant.requests")
					.tag("tenant", tenant)
					.tag("plan", planTag)
					.tag("environment", environmentTag)
					.register(this.registry),
				Counter.builder("leadwire.gateway.tenant.rate.limited")
					.tag("tenant", tenant)
					.tag("plan", planTag)
					.tag("environment", environmentTag)
					.register(this.registry));
	}

	private static long key(Caller caller) {
		return (caller.tenantId() << 1) | caller.environment().ordinal();
	}

	private record Series(String plan, Environment environment, Counter requests, Counter limited) {
	}

}
