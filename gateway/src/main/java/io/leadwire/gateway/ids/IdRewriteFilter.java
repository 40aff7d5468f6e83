package io.leadwire.gateway.ids;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import io.leadwire.common.api.ApiResponse.FieldError;
import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.id.IdCodec;
import io.leadwire.gateway.GatewayProperties;
import io.leadwire.gateway.legacy.LegacyRequestFilter;
import io.leadwire.gateway.web.GatewayErrors;
import io.leadwire.gateway.web.RequestIdWebFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Services speak internal ids; clients see only public ones. Decodes ids in the path (a
 * bad one is 404, as docs/api.md asks), in query parameters and JSON bodies (a bad one is
 * 422 naming the field), and encodes ids in JSON responses. Bodies that are not JSON
 * stream through untouched, and so do providers' webhooks (their bytes are signed).
 */
@Component
class IdRewriteFilter implements GlobalFilter, Ordered {

	/** Providers' webhooks; tenants' own webhook endpoints are ordinary routes. */
	private static final List<String> PROVIDER_WEBHOOKS = List.of("/v1/webhooks/waha", "/v1/webhooks/cloud");

	private static final String METHOD_FIELD = "_method";

	private final IdCodec codec;

	private final JsonIdRewriter rewriter;

	private final ObjectMapper json;

	private final GatewayErrors errors;

	private final int maxBody;

	private final ServiceIdRules serviceRules;

	IdRewriteFilter(IdCodec codec, ObjectMapper json, GatewayErrors errors, GatewayProperties properties,
			ServiceIdRules serviceRules) {
		this.serviceRules = serviceRules;
		this.codec = codec;
		this.rewriter = new JsonIdRewriter(codec);
		this.json = json;
		this.errors = errors;
		this.maxBody = (int) properties.maxJsonBody().toBytes();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		IdRules rules = (route == null) ? IdRules.NONE : this.serviceRules.rules(route.getId());
		if (rules == null) {
			// Without its service's rules an internal id could pass: refuse until they
			// load.
			return this.errors.write(exchange, 503, ErrorCodes.SERVICE_UNAVAILABLE,
					"The service is temporarily unavailable; retry shortly");
		}
		if (rules == IdRules.NONE) {
			return chain.filter(exchange);
		}
		if (isProviderWebhook(exchange.getRequest())) {
			// Untouched both ways; a service's non-JSON error still becomes the envelope.
			return chain.filter(exchange.mutate()
				.response(new EncodingResponse(exchange.getResponse(), IdRules.NONE,
						exchange.getAttribute(RequestIdWebFilter.ATTRIBUTE)))
				.build());
		}
		ServerHttpRequest request = exchange.getRequest();
		URI uri = request.getURI();
		String path = decodePath(uri.getRawPath(), rules);
		if (path == null) {
			return this.errors.write(exchange, 404, ErrorCodes.NOT_FOUND, "Resource not found");
		}
		String rawQuery = uri.getRawQuery();
		String query = rawQuery;
		if (rawQuery != null && namesAnIdField(rawQuery, rules)) {
			List<FieldError> queryErrors = new ArrayList<>();
			// Raw (still percent-encoded) parameters: the query is rebuilt as encoded,
			// and
			// ids are plain alphanumerics either way.
			MultiValueMap<String, String> decoded = decodeQuery(
					UriComponentsBuilder.fromUri(uri).build(true).getQueryParams(), rules, queryErrors);
			if (!queryErrors.isEmpty()) {
				return this.errors.write(exchange, 422, ErrorCodes.VALIDATION_FAILED, "Validation failed", queryErrors);
			}
			query = UriComponentsBuilder.newInstance().queryParams(decoded).build(true).getQuery();
		}
		ServerHttpRequest forwarded = request;
		if (!path.equals(uri.getRawPath()) || !java.util.Objects.equals(query, rawQuery)) {
			String target = uri.getScheme() + "://" + uri.getRawAuthority() + path
					+ ((query != null) ? "?" + query : "");
			forwarded = request.mutate().uri(URI.create(target)).build();
		}
		ServerWebExchange mutated = exchange.mutate()
			.request(forwarded)
			.response(new EncodingResponse(exchange.getResponse(), rules,
					exchange.getAttribute(RequestIdWebFilter.ATTRIBUTE)))
			.build();
		if (!hasJsonBody(request)) {
			return chain.filter(mutated);
		}
		return DataBufferUtils.join(request.getBody(), this.maxBody)
			.defaultIfEmpty(exchange.getResponse().bufferFactory().wrap(new byte[0]))
			.flatMap((buffer) -> forwardBody(exchange, mutated, chain, rules, read(buffer)))
			.onErrorResume(DataBufferLimitException.class,
					(ex) -> this.errors.write(exchange, 413, ErrorCodes.PAYLOAD_TOO_LARGE,
							"JSON bodies are limited to " + this.maxBody / (1024 * 1024) + " MB"));
	}

	/**
	 * Decodes the body's ids and applies its {@code "_method"}; unparseable JSON goes on
	 * as it is, for the service to refuse.
	 */
	private Mono<Void> forwardBody(ServerWebExchange exchange, ServerWebExchange mutated, GatewayFilterChain chain,
			IdRules rules, byte[] original) {
		JsonNode tree = parse(original);
		if (tree == null) {
			return chain.filter(mutated.mutate().request(withBody(mutated.getRequest(), original)).build());
		}
		ServerHttpRequest request = mutated.getRequest();
		HttpMethod method = request.getMethod();
		if (tree instanceof ObjectNode object && object.has(METHOD_FIELD)) {
			JsonNode requested = object.remove(METHOD_FIELD);
			method = requested.isString() ? LegacyRequestFilter.overriddenMethod(method, requested.asString()) : null;
			if (method == null) {
				return this.errors.write(exchange, 400, ErrorCodes.BAD_REQUEST,
						"_method must be PUT, PATCH or DELETE, on a POST");
			}
		}
		List<FieldError> bodyErrors = this.rewriter.decode(tree, rules.fields(), rules.opaque());
		if (!bodyErrors.isEmpty()) {
			return this.errors.write(exchange, 422, ErrorCodes.VALIDATION_FAILED, "Validation failed", bodyErrors);
		}
		ServerHttpRequest rewritten = withBody(request.mutate().method(method).build(),
				this.json.writeValueAsBytes(tree));
		return chain.filter(mutated.mutate().request(rewritten).build());
	}

	private JsonNode parse(byte[] body) {
		if (body.length == 0) {
			return null;
		}
		try {
			return this.json.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private String decodePath(String rawPath, IdRules rules) {
		Map<String, String> ids = rules.pathIds(rawPath);
		if (ids.isEmpty()) {
			return rawPath;
		}
		String[] segments = rawPath.split("/", -1);
		for (int i = 0; i < segments.length; i++) {
			String segment;
			try {
				// Path variables come decoded: compare like with like (%00 is not an id).
				segment = UriUtils.decode(segments[i], StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
			if (ids.containsValue(segment)) {
				OptionalLong id = this.codec.decode(segment);
				if (id.isEmpty()) {
					return null;
				}
				segments[i] = Long.toString(id.getAsLong());
			}
		}
		return String.join("/", segments);
	}

	/**
	 * The location with the internal ids of its path (by the service's path patterns)
	 * encoded; a location that is not a path of the service's goes as it is.
	 */
	String encodeLocation(String location, IdRules rules) {
		URI uri;
		try {
			uri = URI.create(location);
		}
		catch (IllegalArgumentException ex) {
			return location;
		}
		String rawPath = uri.getRawPath();
		if (rawPath == null || rawPath.isEmpty()) {
			return location;
		}
		Map<String, String> ids = rules.pathIds(rawPath);
		if (ids.isEmpty()) {
			return location;
		}
		String[] segments = rawPath.split("/", -1);
		boolean changed = false;
		for (int i = 0; i < segments.length; i++) {
			if (ids.containsValue(segments[i]) && !segments[i].isEmpty()
					&& segments[i].chars().allMatch(Character::isDigit) && segments[i].length() < 19) {
				segments[i] = this.codec.encode(Long.parseLong(segments[i]));
				changed = true;
			}
		}
		if (!changed) {
			return location;
		}
		String path = String.join("/", segments);
		int at = location.indexOf(rawPath);
		return location.substring(0, at) + path + location.substring(at + rawPath.length());
	}

	/**
	 * Whether a parameter of the raw query is a declared id field (most queries have
	 * none).
	 */
	private static boolean namesAnIdField(String rawQuery, IdRules rules) {
		int start = 0;
		while (start <= rawQuery.length()) {
			int end = rawQuery.indexOf('&', start);
			if (end < 0) {
				end = rawQuery.length();
			}
			int equals = rawQuery.indexOf('=', start);
			String name = rawQuery.substring(start, (equals >= 0 && equals < end) ? equals : end);
			try {
				if (rules.fields().contains(UriUtils.decode(name, StandardCharsets.UTF_8))) {
					return true;
				}
			}
			catch (IllegalArgumentException ex) {
				// A broken escape: not an id field's name; the service answers for the
				// rest.
			}
			start = end + 1;
		}
		return false;
	}

	private MultiValueMap<String, String> decodeQuery(MultiValueMap<String, String> params, IdRules rules,
			List<FieldError> errors) {
		MultiValueMap<String, String> decoded = new LinkedMultiValueMap<>();
		params.forEach((name, values) -> {
			for (String value : values) {
				if (rules.fields().contains(name) && value != null) {
					OptionalLong id = this.codec.decode(value);
					if (id.isEmpty()) {
						errors.add(new FieldError(name, "Unknown id"));
					}
					decoded.add(name, id.isPresent() ? Long.toString(id.getAsLong()) : value);
				}
				else {
					decoded.add(name, value);
				}
			}
		});
		return decoded;
	}

	/**
	 * A provider's webhook ({@code /v1/webhooks/waha}, {@code /v1/webhooks/cloud}): its
	 * body is the provider's, with the provider's ids, and its signature covers the exact
	 * bytes — it passes untouched, and so does the answer.
	 */
	private static boolean isProviderWebhook(ServerHttpRequest request) {
		String path = request.getPath().value();
		for (String webhook : PROVIDER_WEBHOOKS) {
			if (path.equals(webhook) || path.startsWith(webhook + "/")) {
				return true;
			}
		}
		return false;
	}

	private static boolean hasJsonBody(ServerHttpRequest request) {
		HttpMethod method = request.getMethod();
		if (method != HttpMethod.POST && method != HttpMethod.PUT && method != HttpMethod.PATCH) {
			return false;
		}
		MediaType type;
		try {
			type = request.getHeaders().getContentType();
		}
		catch (InvalidMediaTypeException ex) {
			return false; // RequestShapeFilter refuses these first
		}
		return type != null
				&& (type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.getSubtype().endsWith("+json"));
	}

	private static ServerHttpRequest withBody(ServerHttpRequest request, byte[] body) {
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(request.getHeaders());
		headers.remove(HttpHeaders.TRANSFER_ENCODING);
		headers.setContentLength(body.length);
		return new ServerHttpRequestDecorator(request) {
			@Override
			public HttpHeaders getHeaders() {
				return headers;
			}

			@Override
			public Flux<DataBuffer> getBody() {
				return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
			}
		};
	}

	private static byte[] read(DataBuffer buffer) {
		byte[] bytes = new byte[buffer.readableByteCount()];
		buffer.read(bytes);
		DataBufferUtils.release(buffer);
		return bytes;
	}

	@Override
	public int getOrder() {
		return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;
	}

	/** Encodes ids in JSON responses; anything else is written through as it streams. */
	private final class EncodingResponse extends ServerHttpResponseDecorator {

		private final IdRules rules;

		private final String requestId;

		EncodingResponse(ServerHttpResponse delegate, IdRules rules, String requestId) {
			super(delegate);
			this.rules = rules;
			this.requestId = requestId;
		}

		@Override
		public Mono<Void> setComplete() {
			encodeLocation();
			return super.setComplete();
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			encodeLocation();
			MediaType type = getHeaders().getContentType();
			HttpStatusCode status = getStatusCode();
			if (status != null && status.isError()
					&& (type == null || !type.isCompatibleWith(MediaType.APPLICATION_JSON))) {
				// A service's container answered outside the application (an HTML error
				// page): clients still get the envelope.
				return Flux.from(body).doOnNext(DataBufferUtils::release).then(Mono.defer(() -> {
					byte[] envelope = IdRewriteFilter.this.errors.body(status.value(),
							GatewayErrors.codeOf(status.value()), "The request could not be served", this.requestId);
					getHeaders().setContentType(MediaType.APPLICATION_JSON);
					getHeaders().remove(HttpHeaders.TRANSFER_ENCODING);
					getHeaders().setContentLength(envelope.length);
					return super.writeWith(Mono.just(bufferFactory().wrap(envelope)));
				}));
			}
			if (type == null || !type.isCompatibleWith(MediaType.APPLICATION_JSON) || this.rules.fields().isEmpty()) {
				return super.writeWith(body);
			}
			return DataBufferUtils.join(Flux.from(body)).flatMap((buffer) -> {
				byte[] original = read(buffer);
				byte[] encoded = encode(original);
				getHeaders().remove(HttpHeaders.TRANSFER_ENCODING);
				getHeaders().setContentLength(encoded.length);
				return super.writeWith(Mono.just(bufferFactory().wrap(encoded)));
			});
		}

		/**
		 * A {@code Location} goes by the rules a body does: the ids in its path are
		 * encoded (a service answers {@code /v1/numbers/jobs/1003268}; the client gets
		 * the job's public id).
		 */
		private void encodeLocation() {
			String location = getHeaders().getFirst(HttpHeaders.LOCATION);
			if (location == null || this.rules == IdRules.NONE) {
				return;
			}
			String encoded = IdRewriteFilter.this.encodeLocation(location, this.rules);
			if (!encoded.equals(location)) {
				getHeaders().set(HttpHeaders.LOCATION, encoded);
			}
		}

		private byte[] encode(byte[] body) {
			return IdRewriteFilter.this.rewriter.encode(body, this.rules.fields(), this.rules.opaque(),
					IdRewriteFilter.this.json);
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			return writeWith(Flux.from(body).flatMapSequential((publisher) -> publisher));
		}

	}

}
