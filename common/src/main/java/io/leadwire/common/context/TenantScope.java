package io.leadwire.common.context;

/**
 * The pair every tenant-owned document carries and every query filters on.
 */
public record TenantScope(long tenantId, Environment environment) {
}
