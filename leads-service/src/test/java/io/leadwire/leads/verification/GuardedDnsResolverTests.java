package io.leadwire.leads.verification;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadwire.common.net.AddressGuard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardedDnsResolverTests {

	@Test
	void namesAndLiteralsThatResolveToRefusedAddressesAreRefused() throws UnknownHostException {
		GuardedDnsResolver resolver = new GuardedDnsResolver(Map.of("pinned.test", InetAddress.getLoopbackAddress()));
		for (String host : new String[] { "localhost", "127.0.0.1", "169.254.169.254", "[::1]", "::1", "0" }) {
			assertThatThrownBy(() -> resolver.resolve(host)).as(host)
				.isInstanceOf(AddressGuard.BlockedAddressException.class);
		}
		assertThat(resolver.resolve("PINNED.test")).containsExactly(InetAddress.getLoopbackAddress());
	}

}
