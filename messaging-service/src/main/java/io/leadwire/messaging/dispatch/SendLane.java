package io.leadwire.messaging.dispatch;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.leadwire.common.api.JobStatus;

/**
 * The send lane of one WhatsApp session ({@code id} is the session's), a job on the
 * shared runner: one replica at a time sends the session's queue, paced and with the
 * concurrency its provider allows. {@code generation} rises whenever messages are filed
 * for the session, so a lane that found its queue empty finishes only if nothing was
 * filed meanwhile. {@code slotsUntil} is the end of the send slots its owner reserved: a
 * replica taking the lane over starts after it, so a handover never sends faster than the
 * session's rate.
 */
@Document("send_lanes")
record SendLane(@Id long id, JobStatus status, long generation, Instant slotsUntil, Instant createdAt) {
}
