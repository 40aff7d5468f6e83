package io.leadwire.gateway.limits;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.leadwire.common.concurrent.DaemonThreads;
import io.leadwire.gateway.GatewayProperties;
import io.leadwire.gateway.auth.PlansChanged;
import io.leadwire.gateway.web.InternalCalls;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The plans' limits and the tenants with their own, as apikey-service keeps them
 * (docs/api.md §1, "Plans"): loaded at start, again whenever apikey-service announces a
 * change ({@link PlansChanged}, from the key-event listener: a change applies on every
 * replica within a second), and every {@code leadwire.gateway.plans.refresh} (30 s) in
 * case an announcement was missed. A plan the table does not name falls back to the
 * configured defaults ({@link RateLimitProperties}); a failed load keeps the last table.
 * The replica is not ready (this health indicator) until the first load.
 */
@Component("plans")
public class PlanTable implements SmartLifecycle, HealthIndicator {

	private static final Logger log = LoggerFactory.getLogger(PlanTable.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final long RETRY_MILLIS = 1_000;

	private final RateLimitProperties properties;

	private final InternalCalls calls;

	private final ObjectMapper json;

	private final GatewayProperties gateway;

	private final Duration refresh;

	private final AtomicBoolean queued = new AtomicBoolean();

	private volatile Snapshot snapshot;

	private volatile long lastLoad;

	private ScheduledExecutorService scheduler;

	PlanTable(RateLimitProperties properties, InternalCalls calls, ObjectMapper json, GatewayProperties gateway,
			@Value("${leadwire.gateway.plans.refresh:30s}") Duration refresh) {
		this.properties = properties;
		this.calls = calls;
		this.json = json;
		this.gateway = gateway;
		this.refresh = refresh;
	}

	/**
	 * The limits of the plan named so: the table's, else the configured ones; for a name
	 * neither knows, the default plan's.
	 */
	public RateLimitProperties.Limit plan(String name) {
		Snapshot current = this.snapshot;
		if (name != null) {
			RateLimitProperties.Limit limit = (current != null) ? current.plans().get(name) : null;
			if (limit == null) {
				limit = this.properties.plans().get(name);
			}
			if (limit != null) {
				return limit;
			}
		}
		RateLimitProperties.Limit fallback = (current != null) ? current.plans().get(RateLimitProperties.DEFAULT_PLAN)
				: null;
		return (fallback != null) ? fallback : this.properties.plan(RateLimitProperties.DEFAULT_PLAN);
	}

	/** A tenant's own limits, in place of its plan's; null when it has none. */
	public RateLimitProperties.Limit override(long tenantId) {
		Snapshot current = this.snapshot;
		return (current != null) ? current.overrides().get(tenantId) : null;
	}

	@EventListener
	void on(PlansChanged change) {
		refreshSoon();
	}

	/** Loads the table again shortly, once however many changes asked for it. */
	public void refreshSoon() {
		if (this.scheduler != null && this.queued.compareAndSet(false, true)) {
			this.scheduler.execute(() -> {
				this.queued.set(false);
				load();
			});
		}
	}

	@Override
	public void start() {
		this.scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("plan-table"));
		this.scheduler.execute(this::load);
		this.scheduler.scheduleWithFixedDelay(this::loadIfDue, RETRY_MILLIS, RETRY_MILLIS, TimeUnit.MILLISECONDS);
	}

	private void loadIfDue() {
		if (this.snapshot == null || System.nanoTime() - this.lastLoad >= this.refresh.toNanos()) {
			load();
		}
	}

	private void load() {
		try {
			byte[] body = this.calls.get(this.gateway.apikeyServiceUrl(), "/internal/plans", "gateway-plans")
				.block(TIMEOUT);
			JsonNode data = this.json.readTree(body).path("data");
			Map<String, RateLimitProperties.Limit> plans = new HashMap<>();
			for (JsonNode plan : data.path("plans")) {
				plans.put(plan.path("name").asString(), limit(plan.path("limits")));
			}
			Map<Long, RateLimitProperties.Limit> overrides = new HashMap<>();
			for (JsonNode override : data.path("overrides")) {
				overrides.put(override.path("tenantId").asLong(), limit(override.path("limits")));
			}
			Snapshot loaded = new Snapshot(Map.copyOf(plans), Map.copyOf(overrides));
			if (!loaded.equals(this.snapshot)) {
				log.info("Plan table: {} plans, {} tenants with their own limits", plans.size(), overrides.size());
			}
			this.snapshot = loaded;
			this.lastLoad = System.nanoTime();
		}
		catch (RuntimeException ex) {
			log.debug("Plan table not loaded: {}", ex.toString());
		}
	}

	private static RateLimitProperties.Limit limit(JsonNode limits) {
		return new RateLimitProperties.Limit(limits.path("perMinute").asInt(), limits.path("burst").asInt(),
				limits.path("perDay").asInt());
	}

	@Override
	public Health health() {
		return (this.snapshot != null) ? Health.up().build()
				: Health.down().withDetail("reason", "plans not loaded from apikey-service yet").build();
	}

	@Override
	public void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null && !this.scheduler.isShutdown();
	}

	record Snapshot(Map<String, RateLimitProperties.Limit> plans, Map<Long, RateLimitProperties.Limit> overrides) {
	}

}
