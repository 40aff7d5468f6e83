package io.leadwire.gateway.limits;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The client's address: the socket's peer, or — only when that peer is a configured
 * trusted proxy — the right-most address in {@code X-Forwarded-For} that is not itself a
 * trusted proxy. A client cannot pick its own address by sending the header.
 */
@Component
public class ClientAddress {

	private final Set<String> trusted;

	ClientAddress(RateLimitProperties properties) {
		this.trusted = Set.copyOf(properties.trustedProxies());
	}

	public String of(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		String peer = (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress()
				: "unknown";
		if (!this.trusted.contains(peer)) {
			return peer;
		}
		List<String> forwarded = request.getHeaders().getValuesAsList("X-Forwarded-For");
		for (int i = forwarded.size() - 1; i >= 0; i--) {
			String hop = forwarded.get(i).trim();
			if (!hop.isEmpty() && !this.trusted.contains(hop)) {
				return hop;
			}
		}
		return peer;
	}

}
