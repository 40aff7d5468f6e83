package io.leadwire.leads.importing;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

import io.leadwire.common.api.JobStatus;
import io.leadwire.common.context.Environment;
import io.leadwire.common.context.TenantScope;

/**
 * One CSV import (API.md "Jobs"): its counts move after every batch, so a restarted
 * service resumes it after the last batch written.
 *
 * @param region the region phones without a country code are read in (null: the service's
 * default, for jobs stored before regions were kept)
 * @param total the file's data rows, counted when it was uploaded
 * @param errors the first {@value ImportJobs#MAX_STORED_ERRORS} row errors
 * ({@code failed} counts them all)
 */
@Document("lead_imports")
@CompoundIndexes({
		@CompoundIndex(name = "scope_created", def = "{'tenantId': 1, 'environment': 1, 'createdAt': -1, '_id': -1}"),
		@CompoundIndex(name = "status", def = "{'status': 1}") })
record ImportJob(@Id long id, long tenantId, Environment environment, JobStatus status, ImportMode mode, String region,
		String fileName, long bytes, long total, long processed, long created, long updated, long skipped, long failed,
		List<RowError> errors, String requestId, Instant createdAt, Instant startedAt, Instant updatedAt,
		Instant finishedAt) {

	TenantScope scope() {
		return new TenantScope(this.tenantId, this.environment);
	}

}
