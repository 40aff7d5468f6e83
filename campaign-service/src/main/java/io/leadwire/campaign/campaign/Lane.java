package io.leadwire.campaign.campaign;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.leadwire.common.api.JobStatus;
import io.leadwire.common.context.Environment;
import io.leadwire.common.context.TenantScope;

/**
 * The dispatch loop of one WhatsApp session ({@code id} is the session's), a job on the
 * shared runner: one replica at a time emits the due messages of every running campaign
 * of the session. {@code generation} rises whenever a campaign of the session starts or
 * resumes, so a loop that found nothing to do finishes only if nothing woke it meanwhile.
 */
@Document("session_lanes")
record Lane(@Id long id, long tenantId, Environment environment, JobStatus status, long generation, Instant updatedAt) {

	TenantScope scope() {
		return new TenantScope(this.tenantId, this.environment);
	}

}
