package io.leadwire.apikey.tenant;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A customer company. {@code partnerId} is the partner agency that manages it, if any.
 */
@Document("tenants")
public record Tenant(@Id long id, String name, Plan plan, boolean partner, Long partnerId, boolean platform,
		Instant createdAt) {
}
