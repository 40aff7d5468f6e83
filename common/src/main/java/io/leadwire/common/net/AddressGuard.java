package io.leadwire.common.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which addresses a website check may connect to: globally reachable unicast only, and
 * never this host. Refused: every range of IANA's IPv4 and IPv6 special-purpose address
 * registries that is not globally reachable (loopback, private, shared/CGNAT, link-local
 * and cloud metadata, TEST-NETs and documentation, benchmarking, IETF protocol
 * assignments, 240.0.0.0/4, multicast, unique-local, discard-only, NAT64 local-use,
 * Teredo and ORCHID), every IPv6 address outside global unicast (2000::/3), the IPv6
 * forms that embed a refused IPv4 address (IPv4-mapped and -compatible, 6to4, NAT64), and
 * every address of the host's own network interfaces, whatever range it is in (a server's
 * public address reaches its own ports).
 */
public final class AddressGuard {

	private static final List<Range> REFUSED_V4 = Range.all("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
			"169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16",
			"198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4");

	private static final List<Range> REFUSED_V6 = Range.all("64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32",
			"3fff::/20", "5f00::/16");

	private static final Range NAT64_V6 = Range.of("64:ff9b::/96");

	private static final Range GLOBAL_UNICAST_V6 = Range.of("2000::/3");

	private static final long OWN_ADDRESSES_TTL_NANOS = 10_000_000_000L;

	private static volatile OwnAddresses own;

	private AddressGuard() {
	}

	/**
	 * Whether a URL's host must be refused because something inside our network answers
	 * to it: an address literal that is not public, or a name that resolves to any
	 * address that is not public. A name that does not resolve here is not refused: it
	 * cannot reach inside our network from here either (whoever fetches it fails).
	 */
	public static boolean refusesHost(String host) {
		if (host == null || host.isBlank()) {
			return true;
		}
		String name = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		if (reservedName(name)) {
			return true;
		}
		byte[] numeric = whatwgIpv4(name);
		if (numeric != null) {
			try {
				return !isPublic(InetAddress.getByAddress(numeric));
			}
			catch (UnknownHostException ex) {
				return true;
			}
		}
		try {
			for (InetAddress address : InetAddress.getAllByName(name)) {
				if (!isPublic(address)) {
					return true;
				}
			}
			return false;
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	/**
	 * Names for this host or a private network wherever they are looked up (RFC 6761,
	 * 6762, 8375).
	 */
	private static final List<String> RESERVED_SUFFIXES = List.of(".localhost", ".localdomain", ".local", ".internal",
			".home.arpa", ".lan", ".intranet", ".corp", ".private");

	private static final java.util.Set<String> RESERVED_NAMES = java.util.Set.of("localhost", "localhost.localdomain",
			"ip6-localhost", "ip6-loopback", "home.arpa");

	/**
	 * Whether the name is refused by what it is, not by what it resolves to here: the
	 * provider that fetches it may resolve it differently ({@code localhost.} with its
	 * trailing dot, {@code foo.localhost}, {@code metadata.google.internal}), and a name
	 * of one label ({@code mongodb}, {@code redis}) reaches whatever the fetcher's search
	 * domains hold — inside a cluster, our own services. Address literals are judged by
	 * their address.
	 */
	static boolean reservedName(String host) {
		String name = host.toLowerCase(java.util.Locale.ROOT);
		while (name.endsWith(".")) {
			name = name.substring(0, name.length() - 1);
		}
		if (name.isEmpty()) {
			return true;
		}
		if (name.indexOf(':') >= 0 || whatwgIpv4(name) != null) {
			return false;
		}
		if (name.indexOf('.') < 0 || RESERVED_NAMES.contains(name)) {
			return true;
		}
		for (String suffix : RESERVED_SUFFIXES) {
			if (name.endsWith(suffix)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The IPv4 address a URL host written as numbers stands for, as browsers and Node
	 * (WHATWG URL) read it — {@code 0x7f000001}, {@code 0177.1}, {@code 2130706433},
	 * {@code 127.1} are all 127.0.0.1 there — or null when it is not written as numbers.
	 * Java would look such a name up in DNS instead; the provider's fetcher would not.
	 */
	static byte[] whatwgIpv4(String host) {
		String text = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
		String[] parts = text.split("\\.", -1);
		if (parts.length == 0 || parts.length > 4) {
			return null;
		}
		long[] numbers = new long[parts.length];
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i].toLowerCase(java.util.Locale.ROOT);
			int radix = 10;
			if (part.startsWith("0x")) {
				radix = 16;
				part = part.substring(2);
			}
			else if (part.length() > 1 && part.startsWith("0")) {
				radix = 8;
				part = part.substring(1);
			}
			if (part.isEmpty() && radix != 16) {
				return null;
			}
			try {
				numbers[i] = part.isEmpty() ? 0 : Long.parseLong(part, radix);
			}
			catch (NumberFormatException ex) {
				return null;
			}
			if (numbers[i] < 0 || numbers[i] > 0xFFFFFFFFL) {
				return new byte[] { 127, 0, 0, 1 };
			}
		}
		long value = numbers[parts.length - 1];
		int lastBytes = 5 - parts.length;
		if (value >= (1L << (8 * lastBytes))) {
			return new byte[] { 127, 0, 0, 1 };
		}
		for (int i = 0; i < parts.length - 1; i++) {
			if (numbers[i] > 255) {
				return new byte[] { 127, 0, 0, 1 };
			}
			value |= numbers[i] << (8 * (3 - i));
		}
		return new byte[] { (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value };
	}

	public static boolean isPublic(InetAddress address) {
		return isGloballyReachable(address) && !ownAddresses().contains(address);
	}

	static boolean isGloballyReachable(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			return isGloballyReachableV4(bytes);
		}
		if (!(address instanceof Inet6Address)) {
			return false;
		}
		if (isMappedOrCompatible(bytes) || NAT64_V6.contains(bytes)) {
			return isGloballyReachableV4(Arrays.copyOfRange(bytes, 12, 16));
		}
		if ((bytes[0] & 0xff) == 0x20 && (bytes[1] & 0xff) == 0x02) {
			return isGloballyReachableV4(Arrays.copyOfRange(bytes, 2, 6)); // 2002::/16
																			// 6to4
		}
		return GLOBAL_UNICAST_V6.contains(bytes) && REFUSED_V6.stream().noneMatch((range) -> range.contains(bytes));
	}

	private static boolean isGloballyReachableV4(byte[] bytes) {
		return REFUSED_V4.stream().noneMatch((range) -> range.contains(bytes))
				&& !Arrays.equals(bytes, new byte[] { -1, -1, -1, -1 });
	}

	/**
	 * This host's interface addresses, read again every 10 s (interfaces come and go).
	 */
	public static Set<InetAddress> ownAddresses() {
		OwnAddresses current = own;
		long now = System.nanoTime();
		if (current != null && now - current.readAt() < OWN_ADDRESSES_TTL_NANOS) {
			return current.addresses();
		}
		Set<InetAddress> addresses;
		try {
			addresses = NetworkInterface.networkInterfaces()
				.flatMap(NetworkInterface::inetAddresses)
				.map(AddressGuard::withoutScope)
				.collect(Collectors.toUnmodifiableSet());
		}
		catch (SocketException ex) {
			addresses = (current != null) ? current.addresses() : Set.of();
		}
		own = new OwnAddresses(addresses, now);
		return addresses;
	}

	/**
	 * IPv6 interface addresses carry a scope; resolved ones do not, and must compare
	 * equal.
	 */
	private static InetAddress withoutScope(InetAddress address) {
		try {
			return (address instanceof Inet6Address) ? InetAddress.getByAddress(address.getAddress()) : address;
		}
		catch (UnknownHostException ex) {
			return address;
		}
	}

	private static boolean isMappedOrCompatible(byte[] bytes) {
		for (int i = 0; i < 10; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		int b10 = bytes[10] & 0xff;
		int b11 = bytes[11] & 0xff;
		return (b10 == 0xff && b11 == 0xff) || (b10 == 0 && b11 == 0);
	}

	private record OwnAddresses(Set<InetAddress> addresses, long readAt) {
	}

	/** A CIDR block. */
	private record Range(byte[] network, int prefix) {

		static Range of(String cidr) {
			int slash = cidr.indexOf('/');
			try {
				return new Range(InetAddress.getByName(cidr.substring(0, slash)).getAddress(),
						Integer.parseInt(cidr.substring(slash + 1)));
			}
			catch (UnknownHostException ex) {
				throw new IllegalArgumentException(cidr, ex);
			}
		}

		static List<Range> all(String... cidrs) {
			return Arrays.stream(cidrs).map(Range::of).toList();
		}

		boolean contains(byte[] address) {
			if (address.length != this.network.length) {
				return false;
			}
			int whole = this.prefix / 8;
			for (int i = 0; i < whole; i++) {
				if (address[i] != this.network[i]) {
					return false;
				}
			}
			int rest = this.prefix % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xff << (8 - rest)) & 0xff;
			return (address[whole] & mask) == (this.network[whole] & mask);
		}

	}

	/** Refused: the host resolves to an address a check must never reach. */
	public static final class BlockedAddressException extends UnknownHostException {

		public BlockedAddressException(String host) {
			super(host + " resolves to an address that is not public");
		}

	}

}
