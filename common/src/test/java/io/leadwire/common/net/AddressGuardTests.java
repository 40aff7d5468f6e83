package io.leadwire.common.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which addresses a website check may reach, and that names resolving to refused
 * addresses are refused too.
 */
class AddressGuardTests {

	@Test
	void refusesEveryNonPublicRange() throws UnknownHostException {
		for (String address : new String[] { "127.0.0.1", "127.8.9.10", "0.0.0.0", "10.1.2.3", "172.16.0.1",
				"172.31.255.255", "192.168.1.1", "169.254.169.254", "169.254.0.1", "100.64.0.1", "100.127.255.254",
				"192.0.0.8", "198.18.0.1", "224.0.0.1", "255.255.255.255", "240.0.0.1", "::1", "::", "fe80::1",
				"fc00::1", "fd12:3456::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "2002:7f00:0001::1",
				"64:ff9b::a9fe:a9fe", "ff02::1", "192.0.2.2", "198.51.100.1", "203.0.113.254", "192.0.0.170",
				"192.88.99.1", "241.2.3.4", "239.255.255.250", "2001:db8::1", "2001::1", "100::1", "3fff::1",
				"64:ff9b:1::1", "fec0::1", "5f00::1", "::ffff:192.0.2.2", "2002:c000:0202::1", "::127.0.0.1" }) {
			assertThat(AddressGuard.isPublic(InetAddress.getByName(address))).as(address).isFalse();
		}
	}

	@Test
	void allowsPublicAddresses() throws UnknownHostException {
		for (String address : new String[] { "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "192.169.0.1",
				"2606:4700:4700::1111", "2002:0808:0808::1", "64:ff9b::808:808" }) {
			assertThat(AddressGuard.isPublic(InetAddress.getByName(address))).as(address).isTrue();
		}
	}

	@Test
	void everyAddressOfThisHostIsRefusedWhateverItsRange() {
		assertThat(AddressGuard.ownAddresses()).isNotEmpty();
		for (InetAddress own : AddressGuard.ownAddresses()) {
			assertThat(AddressGuard.isPublic(own)).as(own.toString()).isFalse();
		}
	}

	@Test
	void urlHostsInsideOurNetworkAreRefusedAndUnresolvableOnesAreNot() {
		for (String host : new String[] { "localhost", "127.0.0.1", "169.254.169.254", "[::1]", "10.1.2.3", "0",
				"0x7f000001", "0177.1", "2130706433", "127.1", "0x7f.1", "0xa9fea9fe", "99999999999", "" }) {
			assertThat(AddressGuard.refusesHost(host)).as(host).isTrue();
		}
		// Issue 26: refused by name, whatever they resolve to here.
		for (String host : new String[] { "localhost.", "LOCALHOST", "foo.localhost", "foo.localhost.",
				"localhost.localdomain", "ip6-localhost", "metadata.google.internal", "printer.local", "nas.home.arpa",
				"mongodb", "redis.", "kafka" }) {
			assertThat(AddressGuard.refusesHost(host)).as(host).isTrue();
		}
		for (String host : new String[] { "example.com", "upload.wikimedia.org", "localhost.example.com",
				"local.example", "8.8.8.8" }) {
			assertThat(AddressGuard.reservedName(host)).as(host).isFalse();
		}
		assertThat(AddressGuard.refusesHost("8.8.8.8")).isFalse();
		assertThat(AddressGuard.refusesHost("0x08080808")).isFalse();
		assertThat(AddressGuard.refusesHost("1e100.net.invalid")).isFalse();
		assertThat(AddressGuard.refusesHost("does-not-resolve.invalid")).isFalse();
	}

}
