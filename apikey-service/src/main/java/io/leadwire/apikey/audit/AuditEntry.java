package io.leadwire.apikey.audit;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import io.leadwire.common.context.Environment;

/**
 * One audited action. {@code eventId} is unique, so a redelivered event is stored once.
 */
@Document("audit_log")
@CompoundIndexes({ @CompoundIndex(name = "tenant_at", def = "{'tenantId': 1, 'environment': 1, 'at': -1}"),
		@CompoundIndex(name = "key_tenant_at", def = "{'keyTenantId': 1, 'environment': 1, 'at': -1}") })
public record AuditEntry(@Id long id, @Indexed(unique = true) String eventId, long tenantId, long keyTenantId,
		Environment environment, Long keyId, long userId, long actingUserId, String method, String path, int status,
		Instant at, String requestId) {
}
