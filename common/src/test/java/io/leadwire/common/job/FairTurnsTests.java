package io.leadwire.common.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FairTurnsTests {

	@Test
	void anotherTenantsStepComesBeforeTheBusyTenantsNextOnes() throws Exception {
		FairTurns turns = new FairTurns(1);
		List<String> order = new CopyOnWriteArrayList<>();
		FairTurns.Turn first = turns.acquire("A");
		// Three more jobs of A queue up, then one of B.
		List<Thread> jobs = new ArrayList<>();
		for (String name : List.of("A2", "A3", "A4", "B1")) {
			Thread job = Thread.ofPlatform().start(() -> {
				try (FairTurns.Turn turn = turns.acquire(name.substring(0, 1))) {
					order.add(name);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			jobs.add(job);
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> job.getState() == Thread.State.WAITING);
		}
		// A's step ends: B waits, so A's turn passes to B, before A's other jobs.
		Thread again = Thread.ofPlatform().start(() -> {
			try {
				first.pass();
				order.add("A1 again");
				first.close();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		again.join(5000);
		for (Thread job : jobs) {
			job.join(5000);
		}
		assertThat(order.get(0)).isEqualTo("B1");
		assertThat(order).hasSize(5);
	}

	@Test
	void aTenantHoldsOneTurnAtATimeAndAPassWithNobodyWaitingKeepsIt() throws Exception {
		FairTurns turns = new FairTurns(2);
		FairTurns.Turn a = turns.acquire("A");
		CountDownLatch second = new CountDownLatch(1);
		Thread other = Thread.ofPlatform().start(() -> {
			try (FairTurns.Turn turn = turns.acquire("A")) {
				second.countDown();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		assertThat(second.await(300, TimeUnit.MILLISECONDS)).as("A's second job waits for A's first").isFalse();
		turns.acquire("B").close();
		a.close();
		a.close();
		assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
		other.join(5000);
		try (FairTurns.Turn c = turns.acquire("C")) {
			c.pass();
		}
		assertThat(turns.toString()).contains("held=0");
	}

	@Test
	void anInterruptedWaitForATurnHoldsNothing() throws Exception {
		FairTurns turns = new FairTurns(1);
		FairTurns.Turn a = turns.acquire("A");
		Thread waiting = Thread.ofPlatform().start(() -> {
			try {
				turns.acquire("B");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> waiting.getState() == Thread.State.WAITING);
		waiting.interrupt();
		waiting.join(5000);
		a.close();
		assertThat(turns.toString()).contains("held=0").contains("waiting=[]");
	}

}
