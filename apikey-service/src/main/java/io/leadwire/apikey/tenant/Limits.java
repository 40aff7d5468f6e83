package io.leadwire.apikey.tenant;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Request limits (docs/api.md §1, "Plans"): a minute token bucket ({@code perMinute}
 * refill, {@code burst} capacity) and a UTC-day window.
 */
public record Limits(@Min(1) @Max(1_000_000) @JsonAlias("per_minute") int perMinute, @Min(1) @Max(1_000_000) int burst,
		@Min(1) @Max(1_000_000_000) @JsonAlias("per_day") int perDay) {

	/** The documented floor of a key's own limits. */
	public static final int MIN_KEY_PER_MINUTE = 10;

	public static final int MIN_KEY_PER_DAY = 500;

}
