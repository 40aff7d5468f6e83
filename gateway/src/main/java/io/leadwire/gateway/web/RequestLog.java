package io.leadwire.gateway.web;

import org.slf4j.MDC;

import org.springframework.web.server.ServerWebExchange;

import io.leadwire.common.api.RequestIds;

/**
 * The gateway's log lines about a request carry its request id, where the services' do
 * (the MDC, printed by the shared log pattern). The gateway is reactive, so the MDC is
 * set around the one log call only, on the thread that makes it.
 */
public final class RequestLog {

	private RequestLog() {
	}

	public static void of(ServerWebExchange exchange, Runnable logging) {
		of((String) exchange.getAttribute(RequestIdWebFilter.ATTRIBUTE), logging);
	}

	public static void of(String requestId, Runnable logging) {
		if (requestId == null) {
			logging.run();
			return;
		}
		MDC.put(RequestIds.MDC_KEY, requestId);
		try {
			logging.run();
		}
		finally {
			MDC.remove(RequestIds.MDC_KEY);
		}
	}

}
