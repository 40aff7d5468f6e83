package io.leadwire.messaging.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import org.springframework.stereotype.Service;

import io.leadwire.common.api.JobStatus;
import io.leadwire.common.job.JobLeases;
import io.leadwire.common.job.JobRunner;
import io.leadwire.messaging.message.MessageStore;
import io.leadwire.messaging.number.NumberChecks;
import io.leadwire.messaging.provider.Providers;
import io.leadwire.messaging.session.SessionStore;

/**
 * A send lane per WhatsApp session with messages queued ({@link SendLane}, a job on the
 * shared runner: leased by one replica at a time, taken over by another when its owner
 * dies). Each lane runs on its own virtual thread ({@link LaneRun}), so sessions send
 * independently of Kafka partitions and of each other: a slow, paused, failing or
 * rate-limited session delays nobody else's, and the platform's throughput is the sum of
 * its sessions' rates until the CPU is the limit.
 */
@Service
class SendLanes {

	/** Lanes one replica runs at most (each a virtual thread, mostly asleep). */
	static final int CAPACITY = 10_000;

	private final SendLaneStore lanes;

	private final JobRunner<SendLane> runner;

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	private final LaneRun.Parts parts;

	/** The lanes running on this replica, to wake when their work changes here. */
	private final Map<Long, LaneRun> running = new ConcurrentHashMap<>();

	SendLanes(SendLaneStore lanes, JobLeases leases, MessageStore messages, SessionStore sessions, SendQueue queue,
			CampaignHolds holds, Providers providers, NumberChecks checks, ProviderMeters meters) {
		this.lanes = lanes;
		this.parts = new LaneRun.Parts(messages, sessions, queue, holds, providers, checks, meters, lanes, this.threads,
				leases.owner());
		this.runner = new JobRunner<>("send-lanes", leases, SendLane.class, SendLane::id, CAPACITY,
				Duration.ofSeconds(1), (lane, lease) -> this.threads.execute(() -> {
					LaneRun run = new LaneRun(lane, lease, this.parts);
					this.running.put(lane.id(), run);
					try {
						run.run();
					}
					finally {
						this.running.remove(lane.id(), run);
					}
				}));
	}

	/**
	 * Messages were filed for these sessions: each lane runs (again), here if no replica
	 * holds it.
	 */
	void wake(Collection<Long> sessionIds) {
		for (long sessionId : sessionIds) {
			this.lanes.wake(sessionId);
			LaneRun run = this.running.get(sessionId);
			if (run != null) {
				run.poke();
			}
			else {
				this.runner.submitted(sessionId);
			}
		}
	}

	/**
	 * A lane running on this replica looks at its holds at once (a campaign was paused);
	 * a lane elsewhere reads them before its next batch anyway.
	 */
	void poke(long sessionId) {
		LaneRun run = this.running.get(sessionId);
		if (run != null) {
			run.poke();
		}
	}

	/** The lanes this replica runs now. */
	Collection<Object> held() {
		return this.runner.held();
	}

	@PreDestroy
	void stop() {
		this.runner.close();
		this.threads.shutdownNow();
	}

}
