package io.leadwire.console.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A new group: its name (the API checks that no other group has it). */
record GroupForm(@NotBlank(message = "a group needs a name") @Size(max = 100) String name) {

	static GroupForm empty() {
		return new GroupForm("");
	}

}
