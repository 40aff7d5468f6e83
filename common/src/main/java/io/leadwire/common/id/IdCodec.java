package io.leadwire.common.id;

import java.util.OptionalLong;

import org.hashids.Hashids;

/**
 * Turns internal 64-bit ids into the opaque 16–17 character ids of the public API and
 * back. Internal ids stay below {@link #MAX_ID} (hashids' limit, 2^53), which keeps every
 * encoded id at 16 characters with a minimum length of 16. Anything that does not decode
 * to exactly one id and re-encode to the same text is rejected, so garbage and variants
 * answer "not found".
 */
public final class IdCodec {

	public static final long MAX_ID = Hashids.MAX_NUMBER;

	public static final int MIN_LENGTH = 16;

	public static final int MAX_LENGTH = 17;

	private final Hashids hashids;

	public IdCodec(String salt) {
		if (salt == null || salt.length() < 16) {
			throw new IllegalArgumentException("The id salt must be at least 16 characters");
		}
		this.hashids = new Hashids(salt, MIN_LENGTH);
	}

	public String encode(long id) {
		if (id < 0 || id > MAX_ID) {
			throw new IllegalArgumentException("Internal id out of range");
		}
		return this.hashids.encode(id);
	}

	public OptionalLong decode(String encoded) {
		if (encoded == null || encoded.length() < MIN_LENGTH || encoded.length() > MAX_LENGTH
				|| !isAlphanumeric(encoded)) {
			return OptionalLong.empty();
		}
		long[] numbers;
		try {
			numbers = this.hashids.decode(encoded);
		}
		catch (RuntimeException ex) {
			return OptionalLong.empty();
		}
		if (numbers.length != 1 || !encoded.equals(this.hashids.encode(numbers[0]))) {
			return OptionalLong.empty();
		}
		return OptionalLong.of(numbers[0]);
	}

	private static boolean isAlphanumeric(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
				return false;
			}
		}
		return true;
	}

}
