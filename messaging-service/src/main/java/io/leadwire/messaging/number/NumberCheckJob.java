package io.leadwire.messaging.number;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.leadwire.common.api.JobStatus;
import io.leadwire.common.context.Environment;
import io.leadwire.common.context.TenantScope;

/**
 * A bulk number check too long for one request: its numbers (E.164, in request order)
 * and, checkpointed with them, the answers so far — {@code processed} is how many are
 * answered, so a replica taking the job over resumes at the next one.
 */
@Document("number_check_jobs")
record NumberCheckJob(@Id long id, long tenantId, Environment environment, JobStatus status, long sessionId,
		List<String> phones, int total, int processed, int valid, int invalid, int failed, List<Result> results,
		String requestId, Instant createdAt, Instant updatedAt, Instant finishedAt, String error) {

	TenantScope scope() {
		return new TenantScope(this.tenantId, this.environment);
	}

	/** One number's answer; {@code error} when the provider could not answer for it. */
	record Result(String phone, Boolean isWhatsapp, String whatsappJid, Instant checkedAt, String error) {
	}

}
