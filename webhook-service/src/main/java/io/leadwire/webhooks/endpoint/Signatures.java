package io.leadwire.webhooks.endpoint;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing (docs/webhooks.md, "Verifying a delivery"): a secret is
 * {@code whsec_} and the base64 of 24 random bytes; a delivery's signature is {@code v1,}
 * and the base64 of HMAC-SHA256, keyed with the secret's bytes, over
 * {@code <webhook-id>.<webhook-timestamp>.<body>}. During a rotation both secrets sign,
 * their signatures separated by a space, and a receiver accepts a delivery when any of
 * them verifies.
 */
public final class Signatures {

	public static final String PREFIX = "whsec_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private Signatures() {
	}

	/** A new secret. */
	public static String newSecret() {
		byte[] key = new byte[24];
		RANDOM.nextBytes(key);
		return PREFIX + Base64.getEncoder().encodeToString(key);
	}

	/** The {@code webhook-signature} header: each secret's {@code v1,<signature>}. */
	public static String header(List<String> secrets, String id, long timestamp, byte[] body) {
		StringBuilder header = new StringBuilder();
		for (String secret : secrets) {
			if (!header.isEmpty()) {
				header.append(' ');
			}
			header.append("v1,").append(sign(secret, id, timestamp, body));
		}
		return header.toString();
	}

	/** One secret's signature of a delivery, base64. */
	public static String sign(String secret, String id, long timestamp, byte[] body) {
		String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(encoded), "HmacSHA256"));
			mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
