package io.leadwire.common.id;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Version-4 UUIDs for request, event and claim ids: unique, not secret. Drawn from
 * {@link ThreadLocalRandom} because {@link UUID#randomUUID()} uses {@code SecureRandom},
 * which reads the OS entropy file (a blocking call, found on the gateway's event loops by
 * BlockHound). Secrets — API keys — keep {@code SecureRandom}.
 */
public final class RandomUuids {

	private RandomUuids() {
	}

	public static String next() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low).toString();
	}

}
