package io.leadwire.console.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new API key: its name and whether it works on live or test data. */
record KeyForm(@NotBlank(message = "name the key after what uses it") @Size(max = 100) String name,
		@Pattern(regexp = "live|test", message = "live or test") String environment) {

	static KeyForm empty() {
		return new KeyForm("", "live");
	}

}
