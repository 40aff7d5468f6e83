package io.leadwire.gateway.audit;

import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.leadwire.common.event.EventEnvelope;
import io.leadwire.common.kafka.EventPublisher;
import io.leadwire.gateway.auth.Caller;
import io.leadwire.gateway.web.RequestIdWebFilter;
import io.leadwire.gateway.web.RequestLog;

/**
 * Audits every mutating request and every request made on behalf of another user as an
 * {@code ActionAudited} event once its status is known. The path is the public one (query
 * string left out, and any credential in the path masked, so no {@code api_key} can reach
 * the log). Publishing happens off the event loop on a bounded queue; if it ever
 * overflows, entries are dropped and counted, never blocking traffic.
 */
@Component
class AuditFilter implements WebFilter, Ordered, DisposableBean {

	static final String TOPIC = "audit.events";

	private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);

	private final EventPublisher publisher;

	private final ExecutorService publishing = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
			new ArrayBlockingQueue<>(10_000), Thread.ofPlatform().name("audit-publisher").daemon().factory());

	private final Counter dropped;

	AuditFilter(EventPublisher publisher, MeterRegistry meters) {
		this.publisher = publisher;
		this.dropped = Counter.builder("leadwire.audit.dropped")
			.description("Audit entries dropped because publishing fell behind")
			.register(meters);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		// A key pasted into the path itself (a query written without its "?") is masked
		// as in the logs: the audit log is read back by the tenant.
		String path = io.leadwire.common.logging.CredentialMasking.mask(exchange.getRequest().getPath().value());
		HttpMethod method = exchange.getRequest().getMethod();
		return chain.filter(exchange).doFinally((signal) -> {
			Caller caller = exchange.getAttribute(Caller.ATTRIBUTE);
			if (caller != null && (isMutating(method) || caller.impersonates())) {
				int status = (exchange.getResponse().getStatusCode() != null)
						? exchange.getResponse().getStatusCode().value() : 500;
				publish(caller, method.name(), path, status, exchange.getAttribute(RequestIdWebFilter.ATTRIBUTE));
			}
		});
	}

	private void publish(Caller caller, String method, String path, int status, String requestId) {
		ActionAudited action = new ActionAudited(caller.keyId(), caller.keyTenantId(), caller.userId(),
				caller.actingUserId(), method, path, status, Instant.now());
		EventEnvelope<ActionAudited> event = EventEnvelope.of("ActionAudited", caller.tenantId(), caller.environment(),
				requestId, action);
		try {
			this.publishing.execute(() -> this.publisher.publish(TOPIC, Long.toString(caller.tenantId()), event)
				.whenComplete((result, ex) -> {
					if (ex != null) {
						this.dropped.increment();
						RequestLog.of(requestId,
								() -> log.warn("Audit entry {} not published: {}", event.eventId(), ex.toString()));
					}
				}));
		}
		catch (RejectedExecutionException ex) {
			this.dropped.increment();
		}
	}

	private static boolean isMutating(HttpMethod method) {
		return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH
				|| method == HttpMethod.DELETE;
	}

	@Override
	public void destroy() throws InterruptedException {
		this.publishing.shutdown();
		this.publishing.awaitTermination(5, TimeUnit.SECONDS);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 50;
	}

	record ActionAudited(Long keyId, long keyTenantId, long userId, long actingUserId, String method, String path,
			int status, Instant at) {
	}

}
