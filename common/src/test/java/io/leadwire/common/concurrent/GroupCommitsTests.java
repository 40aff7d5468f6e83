package io.leadwire.common.concurrent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Callers write their items in groups: each gets its own result once written, the items
 * arriving during a write share the next ones, and no item handed in is left unwritten.
 */
class GroupCommitsTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void eachCallerGetsItsOwnResultAndItemsArrivingDuringAWriteShareTheNextGroups() throws Exception {
		CountDownLatch firstWriteStarted = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		List<List<Integer>> written = java.util.Collections.synchronizedList(new ArrayList<>());
		try (GroupCommits<Integer, String> commits = new GroupCommits<>("test-commits", 50, (group) -> {
			written.add(List.copyOf(group));
			firstWriteStarted.countDown();
			await(release);
			return group.stream().map((item) -> "written " + item).toList();
		})) {
			CompletableFuture<String> first = commit(commits, 0);
			assertThat(firstWriteStarted.await(5, TimeUnit.SECONDS)).isTrue();
			// 120 callers arrive while the first group is being written, each on its own
			// thread.
			List<CompletableFuture<String>> later = new ArrayList<>();
			for (int i = 1; i <= 120; i++) {
				later.add(commit(commits, i));
			}
			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> commits.waiting() == 120);
			assertThat(first).isNotDone();
			release.countDown();
			assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("written 0");
			for (int i = 1; i <= 120; i++) {
				assertThat(later.get(i - 1).get(5, TimeUnit.SECONDS)).isEqualTo("written " + i);
			}
			// The first alone, then the 120 in groups of at most 50: three writes, not
			// 120.
			assertThat(written).extracting(List::size).containsExactly(1, 50, 50, 20);
			assertThat(written.stream().flatMap(List::stream).sorted().toList())
				.isEqualTo(java.util.stream.IntStream.rangeClosed(0, 120).boxed().toList());
			assertThat(commits.counts()).containsExactly(4L, 121L);
		}
	}

	@Test
	void aLoneCallerWritesOnItsOwnThread() throws Exception {
		List<Thread> writers = new ArrayList<>();
		try (GroupCommits<String, Boolean> commits = new GroupCommits<>("test-commits", 10, (group) -> {
			writers.add(Thread.currentThread());
			return java.util.Collections.nCopies(group.size(), true);
		})) {
			assertThat(commits.commit("a", WAIT)).isTrue();
			assertThat(commits.commit("b", WAIT)).isTrue();
			assertThat(writers).containsExactly(Thread.currentThread(), Thread.currentThread());
		}
	}

	@Test
	void aFailedWriteFailsEveryItemOfItsGroupAndTheNextGroupIsWrittenAgain() throws Exception {
		java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
		try (GroupCommits<String, Boolean> commits = new GroupCommits<>("test-commits", 10, (group) -> {
			if (calls.incrementAndGet() == 1) {
				throw new IllegalStateException("store down");
			}
			return java.util.Collections.nCopies(group.size(), true);
		})) {
			assertThatThrownBy(() -> commits.commit("a", WAIT)).isInstanceOf(ExecutionException.class)
				.hasRootCauseMessage("store down");
			assertThat(commits.commit("b", WAIT)).isTrue();
			assertThat(commits.counts()).containsExactly(1L, 1L);
		}
	}

	@Test
	void aWriteAnsweringTheWrongNumberOfResultsFailsItsGroupRatherThanMisanswering() {
		try (GroupCommits<String, Boolean> commits = new GroupCommits<>("test-commits", 10, (group) -> List.of())) {
			assertThatThrownBy(() -> commits.commit("a", WAIT)).hasRootCauseInstanceOf(IllegalStateException.class);
		}
	}

	@Test
	void itemsHandedInWithoutWaitingOrLeftByATimeoutAreWrittenByTheCallerEndingTheWrite() throws Exception {
		CountDownLatch taken = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		List<String> written = java.util.Collections.synchronizedList(new ArrayList<>());
		try (GroupCommits<String, Boolean> commits = new GroupCommits<>("test-commits", 10, (group) -> {
			written.addAll(group);
			taken.countDown();
			await(release);
			return java.util.Collections.nCopies(group.size(), true);
		})) {
			CompletableFuture<Boolean> writing = commit(commits, "a");
			assertThat(taken.await(5, TimeUnit.SECONDS)).isTrue();
			CompletableFuture<Boolean> handedIn = commits.submit("b");
			assertThatThrownBy(() -> commits.commit("c", Duration.ofMillis(200))).isInstanceOf(TimeoutException.class);
			assertThat(handedIn).isNotDone();
			release.countDown();
			assertThat(writing.get(5, TimeUnit.SECONDS)).isTrue();
			assertThat(handedIn.get(5, TimeUnit.SECONDS)).isTrue();
			assertThat(written).containsExactly("a", "b", "c");
			assertThat(commits.waiting()).isZero();
		}
	}

	@Test
	void closingFailsWhatStillWaits() throws Exception {
		CountDownLatch taken = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		GroupCommits<String, Boolean> commits = new GroupCommits<>("test-commits", 1, (group) -> {
			taken.countDown();
			await(release);
			return List.of(true);
		});
		CompletableFuture<Boolean> writing = commit(commits, "a");
		assertThat(taken.await(5, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Boolean> waiting = commits.submit("b");
		commits.close();
		release.countDown();
		assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("test-commits is closed");
		assertThat(writing.get(5, TimeUnit.SECONDS)).isTrue();
	}

	/** A caller on a thread of its own. */
	private static <T, R> CompletableFuture<R> commit(GroupCommits<T, R> commits, T item) {
		CompletableFuture<R> result = new CompletableFuture<>();
		Thread.ofVirtual().start(() -> {
			try {
				result.complete(commits.commit(item, WAIT));
			}
			catch (Exception ex) {
				result.completeExceptionally(ex);
			}
		});
		return result;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
