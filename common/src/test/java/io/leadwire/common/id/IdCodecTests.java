package io.leadwire.common.id;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IdCodecTests {

	private final IdCodec codec = new IdCodec("a-salt-of-sixteen-plus-chars");

	@Test
	void everyIdRoundTripsAsSixteenToSeventeenAlphanumerics() {
		Random random = new Random(42);
		long[] samples = { 0, 1, 1_000_000, 1_000_999, IdCodec.MAX_ID, IdCodec.MAX_ID - 1 };
		for (long id : samples) {
			assertRoundTrip(id);
		}
		for (int i = 0; i < 10_000; i++) {
			assertRoundTrip(random.nextLong(IdCodec.MAX_ID + 1));
		}
	}

	@Test
	void garbageAndVariantsDecodeToNothing() {
		String valid = this.codec.encode(123_456_789L);
		assertThat(this.codec.decode(null)).isEmpty();
		assertThat(this.codec.decode("")).isEmpty();
		assertThat(this.codec.decode("123456789")).isEmpty();
		assertThat(this.codec.decode("not-an-id-at-all!!")).isEmpty();
		assertThat(this.codec.decode("aaaaaaaaaaaaaaaa")).isEmpty();
		assertThat(this.codec.decode(valid + "x")).isEmpty();
		assertThat(this.codec.decode(valid.substring(1) + "Z")).isEmpty();
		assertThat(this.codec.decode(valid.toUpperCase())).isEmpty();
		assertThat(this.codec.decode("x".repeat(10_000))).isEmpty();
	}

	@Test
	void anotherSaltCannotReadIds() {
		String encoded = this.codec.encode(987_654_321L);
		assertThat(new IdCodec("a-different-salt-entirely").decode(encoded)).isEmpty();
	}

	@Test
	void idsOutsideTheInternalRangeAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.codec.encode(-1));
		assertThatIllegalArgumentException().isThrownBy(() -> this.codec.encode(IdCodec.MAX_ID + 1));
	}

	private void assertRoundTrip(long id) {
		String encoded = this.codec.encode(id);
		assertThat(encoded).matches("[A-Za-z0-9]{16,17}");
		assertThat(this.codec.decode(encoded)).hasValue(id);
	}

	@Test
	void cachedAnswersAreTheSameAsFreshOnes() {
		IdCodec cached = new IdCodec("another-salt-for-the-cache-test");
		java.util.Random random = new java.util.Random(11);
		for (int i = 0; i < 50_000; i++) {
			long id = 1_000_000 + random.nextInt(20_000);
			IdCodec fresh = new IdCodec("another-salt-for-the-cache-test");
			String text = cached.encode(id);
			assertThat(text).isEqualTo(fresh.encode(id));
			assertThat(cached.decode(text)).hasValue(id);
			// A near miss of a cached text is still refused.
			String altered = text.substring(0, text.length() - 1)
					+ ((text.charAt(text.length() - 1) == 'a') ? 'b' : 'a');
			assertThat(cached.decode(altered)).isEqualTo(fresh.decode(altered));
		}
	}

}
