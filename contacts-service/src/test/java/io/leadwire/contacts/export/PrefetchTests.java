package io.leadwire.contacts.export;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrefetchTests {

	@Test
	void handsOverEveryItemInOrderInChunks() throws Exception {
		List<Integer> seen = new ArrayList<>();
		List<Integer> sizes = new ArrayList<>();
		try (Prefetch prefetch = new Prefetch(IntStream.range(0, 2500).boxed().iterator(), 1000, 2)) {
			for (List<Integer> chunk = prefetch.next(); chunk != null; chunk = prefetch.next()) {
				sizes.add(chunk.size());
				seen.addAll(chunk);
			}
		}
		assertThat(sizes).containsExactly(1000, 1000, 500);
		assertThat(seen).isEqualTo(IntStream.range(0, 2500).boxed().toList());
	}

	@Test
	void aFailingSourceFailsTheConsumerAfterWhatCameBefore() throws Exception {
		Iterator<Integer> failing = new Iterator<>() {

			private int next;

			@Override
			public boolean hasNext() {
				if (this.next == 3) {
					throw new IllegalStateException("cursor lost");
				}
				return true;
			}

			@Override
			public Integer next() {
				return this.next++;
			}

		};
		try (Prefetch prefetch = new Prefetch(failing, 2, 2)) {
			assertThat(prefetch.<Integer>next()).containsExactly(0, 1);
			assertThatThrownBy(prefetch::next).hasMessage("cursor lost");
		}
	}

	@Test
	void closingEarlyStopsTheReaderWithoutReadingEverything() throws Exception {
		int[] read = new int[1];
		Iterator<Integer> endless = new Iterator<>() {

			@Override
			public boolean hasNext() {
				return true;
			}

			@Override
			public Integer next() {
				return read[0]++;
			}

		};
		try (Prefetch prefetch = new Prefetch(endless, 10, 2)) {
			assertThat(prefetch.<Integer>next()).hasSize(10);
		}
		int after = read[0];
		Thread.sleep(200);
		assertThat(read[0]).isEqualTo(after).isLessThanOrEqualTo(50);
	}

}
