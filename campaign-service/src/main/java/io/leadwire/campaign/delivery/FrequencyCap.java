package io.leadwire.campaign.delivery;

import java.time.Duration;
import java.util.List;

import io.leadwire.common.api.ApiResponse.FieldError;

/**
 * At most {@code messages} campaign messages to one person in any {@code days} days,
 * across every campaign and session of the tenant (live and test apart): the rest are
 * skipped with the reason {@code frequency_cap}.
 */
public record FrequencyCap(int messages, int days) {

	static final int MAX_MESSAGES = 100;

	static final int MAX_DAYS = 90;

	/** The cap as written, or the errors naming its parts. */
	static FrequencyCap of(Integer messages, Integer days, List<FieldError> errors) {
		boolean ok = true;
		if (messages == null || messages < 1 || messages > MAX_MESSAGES) {
			errors.add(new FieldError("frequencyCap.messages", "between 1 and " + MAX_MESSAGES));
			ok = false;
		}
		if (days == null || days < 1 || days > MAX_DAYS) {
			errors.add(new FieldError("frequencyCap.days", "between 1 and " + MAX_DAYS + " days"));
			ok = false;
		}
		return ok ? new FrequencyCap(messages, days) : null;
	}

	Duration window() {
		return Duration.ofDays(this.days);
	}

}
