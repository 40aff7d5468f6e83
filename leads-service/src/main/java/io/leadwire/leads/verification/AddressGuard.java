package io.leadwire.leads.verification;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which addresses a website check may connect to: public unicast only. Loopback,
 * unspecified, private (RFC 1918, unique-local IPv6), link-local (including the cloud
 * metadata address 169.254.169.254), carrier-grade NAT, benchmarking, multicast and
 * reserved ranges are refused, as are IPv6 forms that embed a refused IPv4 address
 * (IPv4-mapped, 6to4, NAT64).
 */
final class AddressGuard {

	private AddressGuard() {
	}

	static boolean isPublic(InetAddress address) {
		if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return false;
		}
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			return isPublicV4(bytes);
		}
		if (address instanceof Inet6Address) {
			int first = bytes[0] & 0xff;
			if ((first & 0xfe) == 0xfc) {
				return false; // fc00::/7 unique local
			}
			if (first == 0x20 && (bytes[1] & 0xff) == 0x02) {
				return isPublicV4(new byte[] { bytes[2], bytes[3], bytes[4], bytes[5] }); // 2002::/16
																							// 6to4
			}
			if (isPrefix(bytes, new int[] { 0x00, 0x64, 0xff, 0x9b })) {
				return isPublicV4(new byte[] { bytes[12], bytes[13], bytes[14], bytes[15] }); // 64:ff9b::/96
			}
			if (isMappedOrCompatible(bytes)) {
				return isPublicV4(new byte[] { bytes[12], bytes[13], bytes[14], bytes[15] });
			}
			return true;
		}
		return false;
	}

	private static boolean isPublicV4(byte[] bytes) {
		int a = bytes[0] & 0xff;
		int b = bytes[1] & 0xff;
		return !(a == 0 // "this network"
				|| a == 10 // private
				|| a == 127 // loopback
				|| (a == 100 && b >= 64 && b <= 127) // carrier-grade NAT
				|| (a == 169 && b == 254) // link-local, cloud metadata
				|| (a == 172 && b >= 16 && b <= 31) // private
				|| (a == 192 && b == 0 && (bytes[2] & 0xff) == 0) // IETF protocol
																	// assignments
				|| (a == 192 && b == 168) // private
				|| (a == 198 && (b == 18 || b == 19)) // benchmarking
				|| a >= 224); // multicast, reserved, broadcast
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

	private static boolean isPrefix(byte[] bytes, int[] prefix) {
		for (int i = 0; i < prefix.length; i++) {
			if ((bytes[i] & 0xff) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	/** Refused: the host resolves to an address a check must never reach. */
	static final class BlockedAddressException extends UnknownHostException {

		BlockedAddressException(String host) {
			super(host + " resolves to an address that is not public");
		}

	}

}
