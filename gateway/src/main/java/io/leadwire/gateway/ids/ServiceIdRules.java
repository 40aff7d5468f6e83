package io.leadwire.gateway.ids;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.leadwire.common.concurrent.DaemonThreads;
import io.leadwire.gateway.web.InternalCalls;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Each route's id rules, as its service declares them ({@code GET /internal/id-rules}):
 * loaded at start, refreshed every {@code leadwire.gateway.id-rules.refresh} (30 s; every
 * 2 s while a route has none yet). A service that adds an id field deploys without a
 * gateway change; a failed refresh keeps the last rules. Until a route's rules are known,
 * its requests are refused ({@code IdRewriteFilter}) and the gateway is not ready (this
 * health indicator), so an internal id can never pass for want of rules.
 */
@Component("idRules")
public class ServiceIdRules implements SmartLifecycle, HealthIndicator {

	private static final Logger log = LoggerFactory.getLogger(ServiceIdRules.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	private static final long RETRY_MILLIS = 2000;

	private final RouteDefinitionLocator routes;

	private final InternalCalls calls;

	private final ObjectMapper json;

	private final Duration refresh;

	private final Map<String, IdRules> rules = new ConcurrentHashMap<>();

	private volatile List<RouteDefinition> definitions = List.of();

	private ScheduledExecutorService scheduler;

	private long lastFullRefresh;

	ServiceIdRules(RouteDefinitionLocator routes, InternalCalls calls, ObjectMapper json,
			@Value("${leadwire.gateway.id-rules.refresh:30s}") Duration refresh) {
		this.routes = routes;
		this.calls = calls;
		this.json = json;
		this.refresh = refresh;
	}

	/** The route's rules, or null while its service has not answered yet. */
	public IdRules rules(String routeId) {
		return this.rules.get(routeId);
	}

	@Override
	public void start() {
		this.definitions = this.routes.getRouteDefinitions().collectList().block(TIMEOUT);
		this.scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("id-rules"));
		this.scheduler.execute(this::load);
		this.scheduler.scheduleWithFixedDelay(this::load, RETRY_MILLIS, RETRY_MILLIS, TimeUnit.MILLISECONDS);
	}

	/** Loads the routes missing rules, and every route once per refresh period. */
	private void load() {
		long now = System.nanoTime();
		boolean full = now - this.lastFullRefresh >= this.refresh.toNanos();
		for (RouteDefinition route : this.definitions) {
			if (full || !this.rules.containsKey(route.getId())) {
				fetch(route);
			}
		}
		if (full) {
			this.lastFullRefresh = now;
		}
	}

	private void fetch(RouteDefinition route) {
		URI uri = route.getUri();
		if (uri == null || !uri.getScheme().startsWith("http")
				|| io.leadwire.gateway.web.WebRoutes.isWeb(route.getMetadata())) {
			this.rules.put(route.getId(), IdRules.NONE);
			return;
		}
		try {
			byte[] body = this.calls.get(uri, "/internal/id-rules", "gateway-id-rules").block(TIMEOUT);
			JsonNode data = this.json.readTree(body).path("data");
			IdRules loaded = IdRules.of(strings(data.path("fields")), strings(data.path("paths")),
					strings(data.path("opaque")));
			IdRules previous = this.rules.put(route.getId(), loaded);
			if (!loaded.equals(previous)) {
				log.info("Id rules of route {}: fields {}, {} paths", route.getId(), strings(data.path("fields")),
						loaded.paths().size());
			}
		}
		catch (RuntimeException ex) {
			log.debug("Id rules of route {} not loaded: {}", route.getId(), ex.toString());
		}
	}

	private static List<String> strings(JsonNode array) {
		return array.valueStream().map(JsonNode::asString).toList();
	}

	@Override
	public Health health() {
		List<String> missing = this.definitions.stream()
			.map(RouteDefinition::getId)
			.filter((id) -> !this.rules.containsKey(id))
			.toList();
		return missing.isEmpty() ? Health.up().build() : Health.down().withDetail("missing", missing).build();
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

}
