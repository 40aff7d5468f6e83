package io.leadwire.messaging.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Provider webhook signatures: WAHA's {@code X-Webhook-Hmac} (hex HMAC-SHA512 of the raw
 * body, keyed with the session's secret) and Meta's {@code X-Hub-Signature-256}
 * ({@code sha256=} hex HMAC-SHA256 with the app secret). Compared in constant time.
 */
public final class WebhookSignatures {

	private WebhookSignatures() {
	}

	public static String hmacHex(String algorithm, String key, byte[] body) {
		try {
			Mac mac = Mac.getInstance(algorithm);
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Whether {@code signature} (hex, any case) is the HMAC-SHA512 of {@code body}. */
	public static boolean wahaValid(String signature, String key, byte[] body) {
		if (signature == null || signature.isBlank()) {
			return false;
		}
		byte[] expected = hmacHex("HmacSHA512", key, body).getBytes(StandardCharsets.US_ASCII);
		byte[] given = signature.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, given);
	}

}
