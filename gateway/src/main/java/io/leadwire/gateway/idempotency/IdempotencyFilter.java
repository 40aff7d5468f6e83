package io.leadwire.gateway.idempotency;

import java.security.MessageDigest;
import java.util.Set;
import java.nio.charset.StandardCharsets;

import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.id.RandomUuids;
import io.leadwire.gateway.auth.Caller;
import io.leadwire.gateway.web.GatewayErrors;
import io.leadwire.gateway.web.RequestLog;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code Idempotency-Key} on POST (docs/api.md §1). The first request with a key claims
 * it in Redis and its response is kept for 24 h, per tenant and environment; a retry gets
 * that response again with {@code Idempotent-Replayed: true} and nothing runs twice. The
 * same key with another request (method, path, query or body) is 422; a retry while the
 * first is still running is 409. Only answers the service gave are kept: a 5xx, a failure
 * to reach the service or a cancelled request releases the key so that a retry runs
 * again. Without Redis the request is refused (503) rather than risk running twice.
 * Secrets in an answer (a new key's {@code key}) are never kept: a replay withholds them
 * and says so.
 */
@Component
public class IdempotencyFilter implements WebFilter, Ordered {

	public static final String HEADER = "Idempotency-Key";

	public static final String REPLAYED_HEADER = "Idempotent-Replayed";

	private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

	private static final int MAX_KEY_LENGTH = 255;

	private final IdempotencyStore store;

	private final GatewayErrors errors;

	private final int maxResponse;

	private final ObjectMapper json;

	IdempotencyFilter(IdempotencyStore store, GatewayErrors errors, IdempotencyProperties properties,
			ObjectMapper json) {
		this.store = store;
		this.json = json;
		this.errors = errors;
		this.maxResponse = (int) properties.maxResponse().toBytes();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String key = request.getHeaders().getFirst(HEADER);
		Caller caller = exchange.getAttribute(Caller.ATTRIBUTE);
		if (key == null || caller == null || request.getMethod() != HttpMethod.POST) {
			return chain.filter(exchange);
		}
		if (!isValid(key)) {
			return this.errors.write(exchange, 400, ErrorCodes.BAD_REQUEST,
					HEADER + " must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters");
		}
		String redisKey = "idem:" + caller.tenantId() + ':' + caller.environment().wireName() + ':' + key;
		// A claim: 'C' and a random id (never 'D', the first byte of a stored response).
		byte[] token = ("C" + RandomUuids.next()).getBytes(StandardCharsets.US_ASCII);
		return this.store.claim(redisKey, token).map(Claim::heldBy).defaultIfEmpty(Claim.TAKEN).onErrorResume((ex) -> {
			RequestLog.of(exchange, () -> log.warn("Idempotency store unavailable: {}", ex.toString()));
			return Mono.just(Claim.UNAVAILABLE);
		}).flatMap((claim) -> switch (claim.state()) {
			case TAKEN -> forward(exchange, chain, redisKey, token);
			case IN_FLIGHT -> this.errors.write(exchange, 409, ErrorCodes.IDEMPOTENCY_KEY_IN_USE,
					"A request with this " + HEADER + " is still being processed; retry shortly");
			case DONE -> replayOrRefuse(exchange, StoredResponse.decode(claim.value()));
			case UNAVAILABLE -> this.errors.write(exchange, 503, ErrorCodes.SERVICE_UNAVAILABLE,
					"Idempotency keys are temporarily unavailable; retry shortly");
		});
	}

	private Mono<Void> forward(ServerWebExchange exchange, WebFilterChain chain, String key, byte[] token) {
		RequestFingerprint request = new RequestFingerprint(exchange.getRequest());
		RecordingResponse response = new RecordingResponse(exchange, request, key, token);
		return chain.filter(exchange.mutate().request(request).response(response).build())
			.onErrorResume((ex) -> release(key, token).then(Mono.error(ex)))
			.doOnCancel(() -> release(key, token).subscribe());
	}

	private Mono<Void> replayOrRefuse(ServerWebExchange exchange, StoredResponse stored) {
		RequestFingerprint request = new RequestFingerprint(exchange.getRequest());
		return request.getBody().doOnNext(DataBufferUtils::release).then(Mono.defer(() -> {
			if (!MessageDigest.isEqual(request.value(), stored.fingerprint())) {
				return this.errors.write(exchange, 422, ErrorCodes.IDEMPOTENCY_KEY_REUSED,
						"This " + HEADER + " was used for a different request; use a new key for a new request");
			}
			ServerHttpResponse response = exchange.getResponse();
			response.setStatusCode(HttpStatusCode.valueOf(stored.status()));
			HttpHeaders headers = response.getHeaders();
			if (stored.contentType() != null) {
				headers.set(HttpHeaders.CONTENT_TYPE, stored.contentType());
			}
			if (stored.location() != null) {
				headers.set(HttpHeaders.LOCATION, stored.location());
			}
			headers.set(REPLAYED_HEADER, "true");
			headers.setContentLength(stored.body().length);
			return response.writeWith(Mono.just(response.bufferFactory().wrap(stored.body())));
		}));
	}

	private Mono<Void> release(String key, byte[] token) {
		return this.store.release(key, token).onErrorResume((ex) -> {
			// The claim expires on its own (leadwire.gateway.idempotency.in-flight).
			log.warn("Could not release an idempotency key: {}", ex.toString());
			return Mono.empty();
		});
	}

	static boolean isValid(String key) {
		if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
			return false;
		}
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (c < 0x21 || c > 0x7e) {
				return false;
			}
		}
		return true;
	}

	@Override
	public int getOrder() {
		// After authentication and rate limits: the key is scoped by the caller's tenant.
		return Ordered.HIGHEST_PRECEDENCE + 200;
	}

	private record Claim(State state, byte[] value) {

		static final Claim TAKEN = new Claim(State.TAKEN, null);

		static final Claim UNAVAILABLE = new Claim(State.UNAVAILABLE, null);

		static Claim heldBy(byte[] value) {
			return new Claim(StoredResponse.isStoredResponse(value) ? State.DONE : State.IN_FLIGHT, value);
		}

		enum State {

			TAKEN, IN_FLIGHT, DONE, UNAVAILABLE

		}

	}

	/**
	 * Keeps the service's answer before passing it on, so that a retry arriving the
	 * moment the client has it already finds it stored.
	 */
	private final class RecordingResponse extends ServerHttpResponseDecorator {

		private final RequestFingerprint request;

		private final String key;

		private final byte[] token;

		private final ServerWebExchange exchange;

		RecordingResponse(ServerWebExchange exchange, RequestFingerprint request, String key, byte[] token) {
			super(exchange.getResponse());
			this.exchange = exchange;
			this.request = request;
			this.key = key;
			this.token = token;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			if (!isKept()) {
				return release(this.key, this.token).then(super.writeWith(body));
			}
			return DataBufferUtils.join(Flux.from(body))
				.defaultIfEmpty(bufferFactory().wrap(new byte[0]))
				.flatMap((buffer) -> {
					byte[] bytes = new byte[buffer.readableByteCount()];
					buffer.read(bytes);
					DataBufferUtils.release(buffer);
					Mono<Void> kept = (bytes.length <= IdempotencyFilter.this.maxResponse) ? keep(bytes)
							: release(this.key, this.token);
					return kept.then(super.writeWith(Mono.just(bufferFactory().wrap(bytes))));
				});
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			return release(this.key, this.token).then(super.writeAndFlushWith(body));
		}

		@Override
		public Mono<Void> setComplete() {
			return (isKept() ? keep(new byte[0]) : release(this.key, this.token)).then(super.setComplete());
		}

		/**
		 * Kept: the service answered (not 5xx) after reading the whole body, in JSON or
		 * with no body.
		 */
		private boolean isKept() {
			HttpStatusCode status = getStatusCode();
			MediaType type = getHeaders().getContentType();
			return this.request.complete() && (status == null || !status.is5xxServerError())
					&& (type == null || type.isCompatibleWith(MediaType.APPLICATION_JSON));
		}

		/** Keeps the answer, never its secrets ({@link SecretScrubber}). */
		private Mono<Void> keep(byte[] body) {
			HttpStatusCode status = getStatusCode();
			Set<String> declared = this.exchange.getAttributeOrDefault(SecretScrubber.ATTRIBUTE, Set.of());
			StoredResponse response = new StoredResponse(this.request.value(), (status != null) ? status.value() : 200,
					getHeaders().getFirst(HttpHeaders.CONTENT_TYPE), getHeaders().getFirst(HttpHeaders.LOCATION),
					SecretScrubber.scrub(body, declared, IdempotencyFilter.this.json));
			return IdempotencyFilter.this.store.store(this.key, this.token, response).onErrorResume((ex) -> {
				RequestLog.of(this.exchange,
						() -> log.warn("Could not keep a response for its idempotency key: {}", ex.toString()));
				return release(this.key, this.token);
			});
		}

	}

}
