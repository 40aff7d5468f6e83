package io.leadwire.common.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets a service must read back (a session's webhook HMAC key, a Cloud
 * session's access token, a webhook endpoint's signing secret) with AES-256-GCM before
 * they are stored: {@code base64(iv ‖ ciphertext ‖ tag)}. The key is derived
 * (HMAC-SHA256) from the platform's context secret and a purpose label, so each kind of
 * secret has its own key and no second secret has to be distributed; rotating the context
 * secret makes stored secrets unreadable (they are then created again).
 */
public final class SecretBox {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec key;

	/**
	 * Opened secrets by their sealed form (unique: a random IV each), so the webhook and
	 * send paths do not run AES-GCM per message; bounded, and only what this process
	 * opens anyway.
	 */
	private final Cache<String, String> opened = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterAccess(java.time.Duration.ofMinutes(10))
		.build();

	/**
	 * @param platformSecret the context secret every process shares
	 * @param purpose what the key seals (a label, e.g.
	 * {@code leadwire/messaging/session-secrets/v1})
	 */
	public SecretBox(String platformSecret, String purpose) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(platformSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			this.key = new SecretKeySpec(mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8)), "AES");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String seal(String plain) {
		try {
			byte[] iv = new byte[12];
			RANDOM.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(128, iv));
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			byte[] out = new byte[iv.length + sealed.length];
			System.arraycopy(iv, 0, out, 0, iv.length);
			System.arraycopy(sealed, 0, out, iv.length, sealed.length);
			return Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String open(String sealed) {
		return this.opened.get(sealed, this::decrypt);
	}

	private String decrypt(String sealed) {
		try {
			byte[] in = Base64.getDecoder().decode(sealed);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(128, in, 0, 12));
			return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("A stored secret cannot be read", ex);
		}
	}

	/** A fresh random secret (32 bytes, base64url). */
	public static String newSecret() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
