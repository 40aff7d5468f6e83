package io.leadwire.webhooks.delivery;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;

/**
 * @param since dead-lettered messages made at or after this time are sent again
 * (ISO-8601, e.g. {@code 2026-12-01T00:00:00Z})
 */
public record ReplayRequest(@NotNull Instant since) {

}
