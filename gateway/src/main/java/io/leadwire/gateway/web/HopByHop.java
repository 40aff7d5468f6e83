package io.leadwire.gateway.web;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.http.HttpHeaders;

/**
 * Headers that describe one connection, not the message (RFC 9110 §7.6.1), so a proxy
 * never passes them on: the fixed set Spring Cloud Gateway removes, and every header the
 * message's own {@code Connection} header names.
 */
public final class HopByHop {

	private static final Set<String> NAMES = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

	static {
		NAMES.addAll(List.of("connection", "keep-alive", "transfer-encoding", "te", "trailer", "proxy-authorization",
				"proxy-authenticate", "x-application-context", "upgrade"));
	}

	private HopByHop() {
	}

	/** The header names listed by the message's {@code Connection} header. */
	public static List<String> listedIn(HttpHeaders headers) {
		return headers.containsHeader(HttpHeaders.CONNECTION) ? headers.getConnection() : List.of();
	}

	/**
	 * Whether {@code name} is hop-by-hop for a message whose Connection header lists
	 * {@code connection}.
	 */
	public static boolean is(String name, List<String> connection) {
		if (NAMES.contains(name)) {
			return true;
		}
		for (String listed : connection) {
			if (listed.equalsIgnoreCase(name)) {
				return true;
			}
		}
		return false;
	}

}
