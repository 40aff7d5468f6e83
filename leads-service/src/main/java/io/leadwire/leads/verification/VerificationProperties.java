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
 * @param connectTimeout per connection attempt
 * @param readTimeout per response (and between bytes)
 * @param testHosts for tests only: host names pinned to addresses the address guard would
 * refuse (WireMock on loopback); empty in every real deployment
 */
@ConfigurationProperties("leadwire.leads.verify")
record VerificationProperties(@DefaultValue("16") int concurrency, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("10s") Duration readTimeout, Map<String, String> testHosts) {

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
