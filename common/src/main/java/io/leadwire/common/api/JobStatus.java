package io.leadwire.common.api;

import java.util.Locale;

/**
 * The states of long work answered with 202 (docs/api.md "Jobs"): imports, verification
 * batches.
 */
public enum JobStatus {

	QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED;

	/** {@code queued}, {@code running}, …: as the API spells them. */
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Whether the job will not change again. */
	public boolean isFinished() {
		return this == COMPLETED || this == FAILED || this == CANCELLED;
	}

}
