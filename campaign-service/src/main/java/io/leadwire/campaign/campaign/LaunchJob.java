package io.leadwire.campaign.campaign;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.leadwire.common.api.JobStatus;

/**
 * Freezing one launched campaign's recipients, a job on the shared runner: the freeze's
 * progress (cursor and absolute counts) is checkpointed here after every page.
 */
@Document("campaign_launches")
record LaunchJob(@Id long id, JobStatus status, String cursor, boolean done, long seq, long pending, long optedOut,
		long duplicates, long invalid, Instant createdAt, Instant updatedAt) {
}
