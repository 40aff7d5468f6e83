package io.leadwire.campaign.delivery;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;

import io.leadwire.testing.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session's daily cap against the real database when two replicas reserve at once (a
 * lane taken over mid-pass): between them they never get more than the cap, and what one
 * gives back the other can take.
 */
@ServiceTest
class DailyCapsTests {

	@Autowired
	MongoOperations mongo;

	@Test
	void twoReplicasReservingAtOnceNeverGetMoreThanTheCapBetweenThem() throws Exception {
		long session = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		LocalDate day = LocalDate.of(2027, 1, 10);
		DailyCaps first = new DailyCaps(this.mongo);
		DailyCaps second = new DailyCaps(this.mongo);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<Integer>> grants = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				DailyCaps replica = (i % 2 == 0) ? first : second;
				Callable<Integer> reserve = () -> replica.reserve(session, day, 7, 100);
				grants.add(pool.submit(reserve));
			}
			int granted = 0;
			for (Future<Integer> grant : grants) {
				granted += grant.get();
			}
			// 40 × 7 asked for; the cap is 100. Contention may leave a pass with nothing
			// (it tries again), never with more.
			assertThat(granted).isLessThanOrEqualTo(100).isGreaterThan(0);
			assertThat(first.used(session, day)).isEqualTo(granted);
			first.release(session, day, 5);
			assertThat(second.used(session, day)).isEqualTo(granted - 5);
			int rest = 100 - (granted - 5);
			assertThat(second.reserve(session, day, 1_000, 100)).isEqualTo(rest);
			assertThat(first.reserve(session, day, 1, 100)).isZero();
			assertThat(first.used(session, day.plusDays(1))).as("a new day starts at zero").isZero();
		}
		finally {
			pool.shutdownNow();
		}
	}

}
