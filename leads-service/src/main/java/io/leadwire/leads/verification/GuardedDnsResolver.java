package io.leadwire.leads.verification;

import io.leadwire.common.net.AddressGuard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves a website's host for the HTTP client and refuses it when any of its addresses
 * is not public ({@link AddressGuard}). The client connects to exactly the addresses
 * returned here, so a name cannot pass the check and then resolve elsewhere at connect
 * time; every redirect hop comes through here again.
 * <p>
 * {@code testHosts} maps names to addresses without the check; it is empty unless a test
 * sets {@code leadwire.leads.verify.test-hosts} to reach WireMock on loopback.
 */
final class GuardedDnsResolver implements DnsResolver {

	private final Map<String, InetAddress> testHosts;

	GuardedDnsResolver(Map<String, InetAddress> testHosts) {
		this.testHosts = Map.copyOf(testHosts);
	}

	@Override
	public InetAddress[] resolve(String host) throws UnknownHostException {
		InetAddress pinned = this.testHosts.get(host.toLowerCase(Locale.ROOT));
		if (pinned != null) {
			return new InetAddress[] { pinned };
		}
		InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
		for (InetAddress address : addresses) {
			if (!AddressGuard.isPublic(address)) {
				throw new AddressGuard.BlockedAddressException(host);
			}
		}
		return addresses;
	}

	@Override
	public String resolveCanonicalHostname(String host) throws UnknownHostException {
		return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
	}

}
