package io.leadwire.common.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.zip.CRC32;

import io.leadwire.common.context.Environment;

/**
 * {@code lw_<live|test>_sk_<32 base62>}: 28 random characters (~166 bits) and a
 * 4-character checksum of everything before it, so a malformed or mistyped key is refused
 * with no lookup. Made by apikey-service, checked by the gateway; only the SHA-256 and a
 * display prefix are stored.
 */
public final class ApiKeyFormat {

	public static final int LENGTH = 43;

	public static final int PREFIX_LENGTH = 15;

	private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private static final int RANDOM_CHARS = 28;

	private static final int CHECKSUM_CHARS = 4;

	private static final int BODY_START = 11;

	private static final SecureRandom RANDOM = new SecureRandom();

	private ApiKeyFormat() {
	}

	public static String generate(Environment environment) {
		StringBuilder key = new StringBuilder(LENGTH).append("lw_").append(environment.wireName()).append("_sk_");
		for (int i = 0; i < RANDOM_CHARS; i++) {
			key.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return key.append(checksum(key)).toString();
	}

	/**
	 * The key's environment if its shape and checksum are right, else null.
	 * Allocation-free when invalid.
	 */
	public static Environment parse(CharSequence key) {
		if (key == null || key.length() != LENGTH || key.charAt(0) != 'l' || key.charAt(1) != 'w'
				|| key.charAt(2) != '_' || key.charAt(7) != '_' || key.charAt(8) != 's' || key.charAt(9) != 'k'
				|| key.charAt(10) != '_') {
			return null;
		}
		Environment environment;
		if (regionIs(key, 3, "live")) {
			environment = Environment.LIVE;
		}
		else if (regionIs(key, 3, "test")) {
			environment = Environment.TEST;
		}
		else {
			return null;
		}
		for (int i = BODY_START; i < LENGTH; i++) {
			if (ALPHABET.indexOf(key.charAt(i)) < 0) {
				return null;
			}
		}
		String expected = checksum(key.subSequence(0, BODY_START + RANDOM_CHARS));
		return regionIs(key, BODY_START + RANDOM_CHARS, expected) ? environment : null;
	}

	public static String sha256Hex(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	public static String displayPrefix(String key) {
		return key.substring(0, PREFIX_LENGTH);
	}

	private static String checksum(CharSequence body) {
		CRC32 crc = new CRC32();
		for (int i = 0; i < body.length(); i++) {
			crc.update(body.charAt(i));
		}
		long value = crc.getValue();
		char[] chars = new char[CHECKSUM_CHARS];
		for (int i = CHECKSUM_CHARS - 1; i >= 0; i--) {
			chars[i] = ALPHABET.charAt((int) (value % ALPHABET.length()));
			value /= ALPHABET.length();
		}
		return new String(chars);
	}

	private static boolean regionIs(CharSequence text, int offset, String expected) {
		for (int i = 0; i < expected.length(); i++) {
			if (text.charAt(offset + i) != expected.charAt(i)) {
				return false;
			}
		}
		return true;
	}

}
