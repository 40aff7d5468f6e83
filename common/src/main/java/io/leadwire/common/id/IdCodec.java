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

	/** Slots of the recent-pairs caches (a power of two). */
	private static final int CACHE_SLOTS = 4096;

	private final Hashids hashids;

	/**
	 * Recently used pairs, by id and by text: the same ids (a tenant's, a popular lead's)
	 * cross the gateway again and again, and hashids costs about a microsecond each way.
	 * Direct-mapped: a slot holds the last pair that hashed to it. Entries are immutable
	 * and only verified pairs go in, so a racing read sees an old pair or a new one, both
	 * right.
	 */
	private final Pair[] byId = new Pair[CACHE_SLOTS];

	private final Pair[] byText = new Pair[CACHE_SLOTS];

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
		int slot = (int) (id ^ (id >>> 32)) & (CACHE_SLOTS - 1);
		Pair cached = this.byId[slot];
		if (cached != null && cached.id == id) {
			return cached.text;
		}
		String text = this.hashids.encode(id);
		remember(new Pair(id, text));
		return text;
	}

	public OptionalLong decode(String encoded) {
		if (encoded == null || encoded.length() < MIN_LENGTH || encoded.length() > MAX_LENGTH
				|| !isAlphanumeric(encoded)) {
			return OptionalLong.empty();
		}
		Pair cached = this.byText[encoded.hashCode() & (CACHE_SLOTS - 1)];
		if (cached != null && cached.text.equals(encoded)) {
			return OptionalLong.of(cached.id);
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
		remember(new Pair(numbers[0], encoded));
		return OptionalLong.of(numbers[0]);
	}

	private void remember(Pair pair) {
		this.byId[(int) (pair.id ^ (pair.id >>> 32)) & (CACHE_SLOTS - 1)] = pair;
		this.byText[pair.text.hashCode() & (CACHE_SLOTS - 1)] = pair;
	}

	/** An internal id and its public text, known to match. */
	private record Pair(long id, String text) {
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
