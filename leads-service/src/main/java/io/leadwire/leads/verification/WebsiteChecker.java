package io.leadwire.leads.verification;

import io.leadwire.common.net.AddressGuard;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.util.Timeout;

import io.leadwire.common.concurrent.DaemonThreads;
import io.leadwire.leads.lead.LeadEnums.WebsiteStatus;

/**
 * Checks whether a lead's website answers. Redirects are followed by hand, at most
 * {@value #MAX_REDIRECTS}, and every hop is resolved and checked again
 * ({@link GuardedDnsResolver}), so no redirect can lead to a private address. A site is
 * {@code WORKING} when it answers 2xx, or 401/403/405/429 (it is up, and refuses a
 * robot); anything else (no such host, a refused or private address, a timeout, a TLS
 * failure, a 404 or 5xx, too many redirects) is {@code NOT_WORKING}. A website without a
 * scheme is tried over HTTPS, then over HTTP if HTTPS cannot connect.
 */
final class WebsiteChecker implements AutoCloseable {

	static final int MAX_REDIRECTS = 5;

	private static final Set<Integer> UP_BUT_REFUSING = Set.of(401, 403, 405, 429);

	private static final String USER_AGENT = "LeadwireWebsiteCheck/1.0 (+https://leadwire.io/website-check)";

	private final CloseableHttpClient client;

	private final Duration hopDeadline;

	private final ScheduledExecutorService deadlines = Executors
		.newSingleThreadScheduledExecutor(DaemonThreads.named("lead-verify-deadline"));

	WebsiteChecker(Duration connectTimeout, Duration readTimeout, int maxConnections,
			Map<String, InetAddress> testHosts) {
		// A server trickling its headers a byte at a time never trips the read timeout:
		// each
		// hop also has a deadline for the whole exchange.
		this.hopDeadline = connectTimeout.plus(readTimeout.multipliedBy(2));
		ConnectionConfig connections = ConnectionConfig.custom()
			.setConnectTimeout(Timeout.of(connectTimeout))
			.setSocketTimeout(Timeout.of(readTimeout))
			.build();
		this.client = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDnsResolver(new GuardedDnsResolver(testHosts))
				.setDefaultConnectionConfig(connections)
				.setMaxConnTotal(maxConnections)
				.setMaxConnPerRoute(4)
				.build())
			.setDefaultRequestConfig(RequestConfig.custom()
				.setRedirectsEnabled(false)
				.setResponseTimeout(Timeout.of(readTimeout))
				.setConnectionRequestTimeout(Timeout.of(readTimeout))
				.build())
			.setUserAgent(USER_AGENT)
			.disableAutomaticRetries()
			.disableCookieManagement()
			.build();
	}

	WebsiteStatus check(String website) {
		if (website == null || website.isBlank()) {
			return WebsiteStatus.NO_WEBSITE;
		}
		String text = website.strip();
		String lower = text.toLowerCase(Locale.ROOT);
		if (lower.startsWith("http://") || lower.startsWith("https://")) {
			return follow(text);
		}
		Outcome https = fetch("https://" + text, 0);
		if (https == Outcome.UNREACHABLE) {
			return follow("http://" + text);
		}
		return https.status();
	}

	private WebsiteStatus follow(String url) {
		return fetch(url, 0).status();
	}

	/** One hop; redirects recurse, each one checked like the first. */
	private Outcome fetch(String url, int hops) {
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			return Outcome.DOWN;
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
			return Outcome.DOWN;
		}
		HttpGet get = new HttpGet(uri);
		try {
			ScheduledFuture<?> deadline = this.deadlines.schedule(get::cancel, this.hopDeadline.toMillis(),
					TimeUnit.MILLISECONDS);
			Hop hop;
			try {
				ClassicHttpResponse response = this.client.executeOpen(null, get, null);
				Header location = response.getFirstHeader("Location");
				hop = new Hop(response.getCode(), (location != null) ? location.getValue() : null);
				discard(get, response);
			}
			finally {
				deadline.cancel(false);
			}
			if (hop.status() >= 300 && hop.status() < 400 && hop.location() != null) {
				if (hops >= MAX_REDIRECTS) {
					return Outcome.DOWN;
				}
				URI next;
				try {
					next = uri.resolve(hop.location().strip());
				}
				catch (IllegalArgumentException ex) {
					return Outcome.DOWN;
				}
				Outcome redirected = fetch(next.toString(), hops + 1);
				return (redirected == Outcome.UNREACHABLE) ? Outcome.DOWN : redirected;
			}
			boolean up = (hop.status() >= 200 && hop.status() < 300) || UP_BUT_REFUSING.contains(hop.status());
			return up ? Outcome.UP : Outcome.DOWN;
		}
		catch (AddressGuard.BlockedAddressException ex) {
			return Outcome.DOWN;
		}
		catch (IOException | RuntimeException ex) {
			return Outcome.UNREACHABLE;
		}
	}

	/** The body is never read: the connection is dropped rather than drained. */
	private static void discard(HttpGet get, ClassicHttpResponse response) {
		get.cancel();
		try {
			response.close();
		}
		catch (IOException ex) {
			// already aborted
		}
	}

	@Override
	public void close() throws IOException {
		this.deadlines.shutdownNow();
		this.client.close();
	}

	private record Hop(int status, String location) {
	}

	private enum Outcome {

		UP, DOWN, UNREACHABLE;

		WebsiteStatus status() {
			return (this == UP) ? WebsiteStatus.WORKING : WebsiteStatus.NOT_WORKING;
		}

	}

}
