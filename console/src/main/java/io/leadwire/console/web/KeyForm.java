package io.leadwire.console.web;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A new API key: its name, whether it works on live or test data, and what it may do
 * ({@code access}: one of {@link #ACCESS}'s presets of scopes, docs/api.md §1).
 */
record KeyForm(@NotBlank(message = "name the key after what uses it") @Size(max = 100) String name,
		@Pattern(regexp = "live|test", message = "live or test") String environment,
		@Pattern(regexp = "everything|read|messaging|leads-contacts",
				message = "choose what the key may do") String access) {

	/** The console's presets: the scopes each gives a key ({@code null}: everything). */
	static final Map<String, List<String>> ACCESS = Map.of("read", List.of("*:read"), "messaging",
			List.of("messages:send", "messages:read", "sessions:read", "templates:read"), "leads-contacts",
			List.of("leads:*", "contacts:*"));

	static KeyForm empty() {
		return new KeyForm("", "live", "everything");
	}

	/** The scopes to create the key with; {@code null} for everything. */
	List<String> scopes() {
		return (this.access == null) ? null : ACCESS.get(this.access);
	}

}
