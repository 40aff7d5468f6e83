package io.leadwire.console.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A new WhatsApp session: its name and the most messages a minute it sends. */
record SessionForm(@NotBlank(message = "a session needs a name") @Size(max = 100) String name, @Min(value = 1,
		message = "at least 1 a minute") @Max(value = 6000, message = "at most 6000 a minute") Integer ratePerMinute) {

	static SessionForm empty() {
		return new SessionForm("", 20);
	}

}
