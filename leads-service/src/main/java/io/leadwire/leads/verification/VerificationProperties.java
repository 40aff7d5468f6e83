package io.leadwire.leads.verification;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Website verification settings ({@code leadwire.leads.verify.*}).
 *
 * @param concurrency checks in flight at once per replica
 * @param tenantConcurrency checks in flight at once for one tenant (its share; at most
 * half of {@code concurrency}, so another tenant always has room)
 * @param connectTimeout per connection attempt
 * @param readTimeout per response (and between bytes)
 * @param testHosts for tests only: host names pinned to addresses the address guard would
 * refuse (WireMock on loopback); empty in every real deployment
 */
@ConfigurationProperties("leadwire.leads.verify")
record VerificationProperties(@DefaultValue("16") int concurrency, @DefaultValue("4") int tenantConcurrency,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
		Map<String, String> testHosts) {

	VerificationProperties {
		if (concurrency < 2 || tenantConcurrency < 1) {
			throw new IllegalArgumentException(
					"leadwire.leads.verify.concurrency must be at least 2 and tenant-concurrency at least 1");
		}
	}

	/**
	 * A tenant's share of the checks: at most half, so at least two tenants run at once.
	 */
	int tenantShare() {
		return Math.max(1, Math.min(this.tenantConcurrency, this.concurrency / 2));
	}

	Map<String, InetAddress> pinnedHosts() {
		Map<String, InetAddress> pinned = new HashMap<>();
		if (this.testHosts != null) {
			this.testHosts.forEach((host, address) -> {
				try {
					pinned.put(host.toLowerCase(Locale.ROOT), InetAddress.getByName(address));
				}
				catch (UnknownHostException ex) {
					throw new IllegalArgumentException("leadwire.leads.verify.test-hosts: " + address, ex);
				}
			});
		}
		return pinned;
	}

}
