package io.leadwire.common.importing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;

import io.leadwire.common.api.JobStatus;
import io.leadwire.common.context.Environment;
import io.leadwire.common.context.TenantScope;

/**
 * One CSV import (docs/api.md "Jobs"), in the collection of its service's imports
 * ({@link CsvImports}): its counts move after every batch, so a replica that takes it
 * over resumes it after the last batch written.
 *
 * @param region the region phones without a country code are read in (null: the service's
 * default, for jobs stored before regions were kept)
 * @param total the file's data rows, counted when it was uploaded
 * @param errors the first {@value CsvImports#MAX_STORED_ERRORS} row errors
 * ({@code failed} counts them all)
 * @param skippedRows the first skipped rows, with why ({@code skipped} counts them all;
 * null on jobs stored before they were kept)
 * @param warnings the first rows imported without one of their cells (null on jobs stored
 * before they were kept)
 * @param options what the service's import was asked besides the file (contacts: the
 * group the rows join), null when nothing
 */
public record ImportJob(@Id long id, long tenantId, Environment environment, JobStatus status, ImportMode mode,
		String region, String fileName, long bytes, long total, long processed, long created, long updated,
		long skipped, long failed, List<RowError> errors, List<SkippedRow> skippedRows, List<RowWarning> warnings,
		String requestId, Instant createdAt, Instant startedAt, Instant updatedAt, Instant finishedAt,
		Map<String, Object> options) {

	public TenantScope scope() {
		return new TenantScope(this.tenantId, this.environment);
	}

}
