package io.leadwire.leads.verification;

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
 * One website verification run over some of a scope's leads ({@code leadIds}) or all of
 * them ({@code leadIds} null), checkpointed after every chunk: {@code lastLeadId} is the
 * highest lead id done, so a restarted service resumes after it.
 */
@Document("lead_verifications")
@CompoundIndexes({
		@CompoundIndex(name = "scope_created", def = "{'tenantId': 1, 'environment': 1, 'createdAt': -1, '_id': -1}"),
		@CompoundIndex(name = "status", def = "{'status': 1}") })
record VerificationBatch(@Id long id, long tenantId, Environment environment, JobStatus status, List<Long> leadIds,
		long total, long processed, long working, long notWorking, long noWebsite, long lastLeadId, String requestId,
		Instant createdAt, Instant startedAt, Instant updatedAt, Instant finishedAt) {

	TenantScope scope() {
		return new TenantScope(this.tenantId, this.environment);
	}

}
