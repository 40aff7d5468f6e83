package io.leadwire.campaign.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;

import io.leadwire.common.context.Environment;
import io.leadwire.common.context.TenantScope;
import io.leadwire.testing.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frequency cap's record against the real database: two lanes (two campaigns, two
 * replicas) handing the same people a message at once never both pass a cap of one; a
 * campaign handed again is admitted without counting twice; live and test apart.
 */
@ServiceTest
class RecipientHistoryTests {

	@Autowired
	MongoOperations mongo;

	@Test
	void twoCampaignsAtOnceNeverBothPassACapOfOneAndARetryCountsOnce() throws Exception {
		TenantScope scope = new TenantScope(ThreadLocalRandom.current().nextLong(1, 1L << 40), Environment.TEST);
		List<String> people = List.of("+254712345641", "+254712345642", "+254712345643", "+254712345644");
		FrequencyCap cap = new FrequencyCap(1, 7);
		Instant now = Instant.now();
		RecipientHistory first = new RecipientHistory(this.mongo);
		RecipientHistory second = new RecipientHistory(this.mongo);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<Map<String, Boolean>>> answers = new ArrayList<>();
			for (int round = 0; round < 8; round++) {
				RecipientHistory lane = (round % 2 == 0) ? first : second;
				long campaign = 100 + round;
				answers.add(pool.submit(() -> lane.admit(scope, campaign, people, cap, now)));
			}
			for (String person : people) {
				long admitted = 0;
				for (Future<Map<String, Boolean>> answer : answers) {
					admitted += answer.get().get(person) ? 1 : 0;
				}
				assertThat(admitted).as(person + " admitted once").isEqualTo(1);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(first.atCap(scope, people, cap, now)).isEqualTo(4);
		// A campaign admitted for a person is admitted again (a retried hand-over), and
		// counts once: with a cap of two, one other campaign still fits.
		FrequencyCap two = new FrequencyCap(2, 7);
		long owner = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		TenantScope other = new TenantScope(owner, Environment.LIVE);
		assertThat(first.admit(other, 1, List.of("+254712345641"), two, now)).containsEntry("+254712345641", true);
		assertThat(first.admit(other, 1, List.of("+254712345641"), two, now)).containsEntry("+254712345641", true);
		assertThat(first.admit(other, 2, List.of("+254712345641"), two, now)).containsEntry("+254712345641", true);
		assertThat(first.admit(other, 3, List.of("+254712345641"), two, now)).containsEntry("+254712345641", false);
		assertThat(first.atCap(new TenantScope(owner, Environment.TEST), List.of("+254712345641"), two, now))
			.as("test data apart")
			.isZero();
	}

}
