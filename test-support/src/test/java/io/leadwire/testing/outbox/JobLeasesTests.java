package io.leadwire.testing.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

import io.leadwire.common.api.JobStatus;
import io.leadwire.common.job.JobLeases;
import io.leadwire.testing.SharedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/** Job ownership across replicas: one owner at a time, takeover only after the lease. */
class JobLeasesTests {

	static MongoTemplate mongo;

	@BeforeAll
	static void connect() {
		mongo = new MongoTemplate(MongoClients.create(SharedInfrastructure.get().mongoUri()), "job-lease-tests");
	}

	/** A clock the test moves. */
	static final class TestClock extends Clock {

		Instant now = Instant.parse("2026-11-29T08:00:00Z");

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

	/** A job document as a service stores one. */
	record Job(long id, JobStatus status, String owner, Instant leaseUntil, long processed, Instant createdAt) {
	}

	static long queued() {
		long id = System.nanoTime();
		mongo.insert(new Job(id, JobStatus.QUEUED, null, null, 0, Instant.now()));
		return id;
	}

	@Test
	void aClaimedJobHasOneOwnerUntilItsLeaseExpiresThenAnotherReplicaTakesItOver() {
		TestClock clock = new TestClock();
		JobLeases first = new JobLeases(mongo, "replica-a", Duration.ofSeconds(30), clock);
		JobLeases second = new JobLeases(mongo, "replica-b", Duration.ofSeconds(30), clock);
		long id = queued();

		Job claimed = first.claim(Job.class, id);
		assertThat(claimed.owner()).isEqualTo("replica-a");
		assertThat(claimed.status()).isEqualTo(JobStatus.RUNNING);
		assertThat(second.claim(Job.class, id)).as("owned and within its lease").isNull();
		assertThat(first.checkpoint(Job.class, id, new Update().set("processed", 100))).isTrue();

		clock.now = clock.now.plusSeconds(25);
		assertThat(first.checkpoint(Job.class, id, new Update().set("processed", 200))).as("renewed").isTrue();
		clock.now = clock.now.plusSeconds(25);
		assertThat(second.claim(Job.class, id)).as("the checkpoint renewed the lease").isNull();

		clock.now = clock.now.plusSeconds(31);
		Job takenOver = second.claim(Job.class, id);
		assertThat(takenOver.owner()).isEqualTo("replica-b");
		assertThat(takenOver.processed()).as("resumes from the last checkpoint").isEqualTo(200);
		assertThat(first.checkpoint(Job.class, id, new Update().set("processed", 300)))
			.as("the first replica's late write is refused")
			.isFalse();
		assertThat(first.finish(Job.class, id, JobStatus.COMPLETED, new Update())).isFalse();
		assertThat(second.finish(Job.class, id, JobStatus.COMPLETED, new Update().set("processed", 400))).isTrue();
		Document stored = mongo.getCollection("job").find(new Document("_id", id)).first();
		assertThat(stored.getString("status")).isEqualTo("COMPLETED");
		assertThat(stored.get("processed")).isEqualTo(400);
		assertThat(second.claim(Job.class, id)).as("finished jobs are never claimed").isNull();
	}

	@Test
	void twentyReplicasRacingForOneQueuedJobLeaveItExactlyOneOwner() {
		long id = queued();
		List<CompletableFuture<Job>> claims = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			JobLeases replica = new JobLeases(mongo, "replica-" + i, Duration.ofSeconds(30), Clock.systemUTC());
			claims.add(CompletableFuture.supplyAsync(() -> replica.claim(Job.class, id)));
		}
		List<Job> won = claims.stream().map(CompletableFuture::join).filter(Objects::nonNull).toList();
		assertThat(won).hasSize(1);
		Document stored = mongo.getCollection("job").find(new Document("_id", id)).first();
		assertThat(stored.getString("owner")).isEqualTo(won.get(0).owner());
	}

	@Test
	void aHeartbeatRenewsOnlyTheJobsThisReplicaOwns() {
		TestClock clock = new TestClock();
		JobLeases first = new JobLeases(mongo, "replica-a", Duration.ofSeconds(30), clock);
		JobLeases second = new JobLeases(mongo, "replica-b", Duration.ofSeconds(30), clock);
		long mine = queued();
		long theirs = queued();
		first.claim(Job.class, mine);
		second.claim(Job.class, theirs);
		clock.now = clock.now.plusSeconds(20);
		assertThat(first.renew(Job.class, List.of(mine, theirs))).isEqualTo(1);
		clock.now = clock.now.plusSeconds(20);
		assertThat(second.claim(Job.class, mine)).isNull();
		assertThat(first.claim(Job.class, theirs)).as("not renewed: the lease ran out").isNotNull();
	}

}
