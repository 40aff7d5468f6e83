package io.leadwire.apikey.plan;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.leadwire.apikey.tenant.Limits;
import io.leadwire.common.outbox.OutboxEvent;

/**
 * A plan as platform administrators manage it (docs/api.md §1, "Plans"): its name (what a
 * tenant's {@code plan} says), a display name and its limits. {@code revision} counts its
 * changes: it is the plan's {@code ETag}, and an update that names an older one is
 * refused.
 */
@Document("plans")
public record PlanDefinition(@Id String name, String displayName, Limits limits, long revision, Instant updatedAt,
		List<OutboxEvent> outbox) {
}
