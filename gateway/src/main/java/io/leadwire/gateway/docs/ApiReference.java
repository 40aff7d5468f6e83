package io.leadwire.gateway.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import io.leadwire.gateway.web.InternalCalls;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one API document ({@code GET /v1/openapi.json}): every route's service describes
 * its own operations ({@code GET /internal/openapi}, springdoc and the contract's
 * additions in common); this merges them with the gateway's own operations and the
 * API-wide parts (security schemes, the headers every call may send, the aliases). Only
 * operations a route makes public are kept. Built on demand without blocking and kept
 * {@link #FRESH} (a few seconds while a service has not answered, so the reference fills
 * in as the platform comes up). A service that answered once and is slow now keeps its
 * last part in the document.
 */
@Component
public class ApiReference {

	private static final Logger log = LoggerFactory.getLogger(ApiReference.class);

	static final Duration FRESH = Duration.ofSeconds(30);

	private static final Duration INCOMPLETE = Duration.ofSeconds(2);

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final RouteDefinitionLocator routes;

	private final InternalCalls calls;

	private final ObjectMapper json;

	private final JsonNode base;

	private volatile Built built;

	/** Each route's last answered document, by route id. */
	private final java.util.Map<String, ServiceDocument> lastAnswered = new java.util.concurrent.ConcurrentHashMap<>();

	/** The build under way, shared by every request that finds the document stale. */
	private final java.util.concurrent.atomic.AtomicReference<Mono<byte[]>> building = new java.util.concurrent.atomic.AtomicReference<>();

	ApiReference(RouteDefinitionLocator routes, InternalCalls calls, ObjectMapper json) {
		this.routes = routes;
		this.calls = calls;
		this.json = json;
		this.base = read(json, "docs/openapi-base.json");
	}

	/** The merged document, as JSON bytes. */
	public Mono<byte[]> document() {
		Built current = this.built;
		if (current != null && System.nanoTime() < current.expiresAt()) {
			return Mono.just(current.bytes());
		}
		// One build at a time: requests arriving while it runs wait for the same one.
		Mono<byte[]> running = this.building.get();
		if (running != null) {
			return running;
		}
		Mono<byte[]> build = build().doFinally((signal) -> this.building.set(null)).cache();
		return this.building.compareAndSet(null, build) ? build : document();
	}

	private Mono<byte[]> build() {
		return this.routes.getRouteDefinitions()
			.filter(ApiReference::isApi)
			.flatMapSequential((route) -> fetch(route))
			.collectList()
			.zipWith(this.routes.getRouteDefinitions().filter(ApiReference::isApi).count())
			.map((results) -> {
				List<ServiceDocument> documents = results.getT1().stream().map(Fetched::document).toList();
				ObjectNode merged = new ApiDocumentMerger(this.base).merge(documents);
				byte[] bytes = this.json.writeValueAsBytes(merged);
				boolean complete = results.getT1().stream().filter(Fetched::fresh).count() == results.getT2();
				this.built = new Built(bytes, System.nanoTime() + (complete ? FRESH : INCOMPLETE).toNanos());
				return bytes;
			});
	}

	/** A route to a service with an API document (not a web application). */
	private static boolean isApi(RouteDefinition route) {
		return route.getUri() != null && route.getUri().getScheme().startsWith("http")
				&& !io.leadwire.gateway.web.WebRoutes.isWeb(route.getMetadata());
	}

	/**
	 * A route's service document: fresh, or the last one it answered when it does not
	 * answer in time now (a busy service's part stays in the reference; the document is
	 * then asked for again soon). Empty when the service never answered.
	 */
	private Mono<Fetched> fetch(RouteDefinition route) {
		URI uri = route.getUri();
		return this.calls.get(uri, "/internal/openapi", "gateway-api-reference").timeout(TIMEOUT).map((body) -> {
			ServiceDocument document = new ServiceDocument(route, this.json.readTree(body));
			this.lastAnswered.put(route.getId(), document);
			return new Fetched(document, true);
		}).onErrorResume((ex) -> {
			log.debug("API document of route {} not loaded: {}", route.getId(), ex.toString());
			return Mono.justOrEmpty(this.lastAnswered.get(route.getId()))
				.map((document) -> new Fetched(document, false));
		});
	}

	/** A route's document, and whether its service answered it for this build. */
	private record Fetched(ServiceDocument document, boolean fresh) {
	}

	static JsonNode read(ObjectMapper json, String resource) {
		try (InputStream in = new ClassPathResource(resource).getInputStream()) {
			return json.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** One route's service document, and the route's public path patterns. */
	record ServiceDocument(String routeId, List<PathPattern> publicPaths, JsonNode document) {

		ServiceDocument(RouteDefinition route, JsonNode document) {
			this(route.getId(), publicPaths(route), document);
		}

		private static List<PathPattern> publicPaths(RouteDefinition route) {
			List<PathPattern> patterns = new ArrayList<>();
			route.getPredicates()
				.stream()
				.filter((predicate) -> predicate.getName().equals("Path"))
				.flatMap((predicate) -> predicate.getArgs().values().stream())
				.forEach((value) -> {
					for (String pattern : value.split(",")) {
						patterns.add(PathPatternParser.defaultInstance.parse(pattern.trim()));
					}
				});
			return patterns;
		}

		boolean routes(String path) {
			var container = org.springframework.http.server.PathContainer.parsePath(path);
			return this.publicPaths.stream().anyMatch((pattern) -> pattern.matches(container));
		}

	}

	private record Built(byte[] bytes, long expiresAt) {
	}

}
