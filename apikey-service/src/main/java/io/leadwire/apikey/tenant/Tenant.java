package io.leadwire.apikey.tenant;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.leadwire.common.outbox.OutboxEvent;

/**
 * A customer company. {@code partnerId} is the partner agency that manages it, if any.
 * {@code plan} names one of the plans ({@code io.leadwire.apikey.plan.Plans});
 * {@code limits}, when set, are the tenant's own limits in place of the plan's (an
 * Enterprise customer's). Changes to either leave through {@code outbox}.
 */
@Document("tenants")
public record Tenant(@Id long id, String name, String plan, boolean partner, Long partnerId, boolean platform,
		Instant createdAt, Limits limits, List<OutboxEvent> outbox) {

	public Tenant {
		// Plans were once stored as enum constants (FREE); their names are lower case.
		plan = (plan != null) ? plan.toLowerCase(java.util.Locale.ROOT) : null;
	}

	public static Tenant create(long id, String name, String plan, boolean partner, Long partnerId, boolean platform,
			Instant createdAt) {
		return new Tenant(id, name, plan, partner, partnerId, platform, createdAt, null, List.of());
	}

}
