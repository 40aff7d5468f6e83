package io.leadwire.leads.verification;

import io.leadwire.common.api.JobStatus;

import java.time.Instant;
import java.util.List;

/**
 * A verification batch as the API shows it (docs/api.md "Jobs"): {@code batchId} (the
 * same as {@code id}), its status, how many leads it covers and how many are done, by
 * result.
 */
record VerificationView(long id, long batchId, String status, long total, long processed, long working, long notWorking,
		long noWebsite, long created, long updated, long failed, List<Object> errors, Instant createdAt,
		Instant startedAt, Instant finishedAt) {

	static VerificationView of(VerificationBatch batch) {
		return new VerificationView(batch.id(), batch.id(), batch.status().wireName(), batch.total(), batch.processed(),
				batch.working(), batch.notWorking(), batch.noWebsite(), 0, batch.processed(), 0, List.of(),
				batch.createdAt(), batch.startedAt(), batch.finishedAt());
	}

}
