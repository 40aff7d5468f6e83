package io.leadwire.gateway.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.leadwire.common.id.IdCodec;
import io.leadwire.gateway.auth.Caller;

/**
 * Requests and rate-limit refusals per tenant ({@code leadwire.gateway.tenant.requests},
 * {@code leadwire.gateway.tenant.rate.limited}), with bounded cardinality: the first
 * {@code leadwire.gateway.metrics.tenant-series} tenants a replica sees (100 by default)
 * get series of their own, tagged with their public id; every later one is counted under
 * {@code tenant="other"}. Tags: tenant, plan (a handful of values), environment
 * (live/test); refusals also the limit that refused (key/tenant/ip is not known here, so
 * none). A series costs a few hundred bytes in Prometheus; 100 tenants × 2 environments ×
 * 2 meters stays far below what one scrape handles.
 */
@Component
public class TenantMeters {

	static final String OTHER = "other";

	private final MeterRegistry registry;

	private final IdCodec ids;

	private final int limit;

	private final Map<String, Counter> requests = new ConcurrentHashMap<>();

	private final Map<String, Counter> limited = new ConcurrentHashMap<>();

	private final Map<Long, String> tenants = new ConcurrentHashMap<>();

	TenantMeters(MeterRegistry registry, IdCodec ids,
			@Value("${leadwire.gateway.metrics.tenant-series:100}") int limit) {
		this.registry = registry;
		this.ids = ids;
		this.limit = limit;
	}

	public void request(Caller caller) {
		counter(this.requests, "leadwire.gateway.tenant.requests", caller).increment();
	}

	public void rateLimited(Caller caller) {
		counter(this.limited, "leadwire.gateway.tenant.rate.limited", caller).increment();
	}

	private Counter counter(Map<String, Counter> counters, String name, Caller caller) {
		String tenant = tenantTag(caller.tenantId());
		String plan = (caller.plan() != null) ? caller.plan() : "none";
		String environment = caller.environment().name().toLowerCase(java.util.Locale.ROOT);
		return counters.computeIfAbsent(tenant + '|' + plan + '|' + environment,
				(key) -> Counter.builder(name)
					.tag("tenant", tenant)
					.tag("plan", plan)
					.tag("environment", environment)
					.register(this.registry));
	}

	/** The tenant's public id while fewer than the limit are tracked, else "other". */
	String tenantTag(long tenantId) {
		String known = this.tenants.get(tenantId);
		if (known != null) {
			return known;
		}
		if (this.tenants.size() >= this.limit) {
			return OTHER;
		}
		return this.tenants.computeIfAbsent(tenantId, this.ids::encode);
	}

}
