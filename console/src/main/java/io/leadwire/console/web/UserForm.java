package io.leadwire.console.web;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new user of the tenant: who, their role, and the password they sign in with. */
record UserForm(@NotBlank(message = "a name is required") @Size(max = 200) String name,
		@NotBlank(message = "an email is required") @Email(message = "not an email address") @Size(
				max = 320) String email,
		@Pattern(regexp = "owner|admin|member", message = "owner, admin or member") String role,
		@Size(min = 8, max = 128, message = "8 to 128 characters") String password) {

	static UserForm empty() {
		return new UserForm("", "", "member", "");
	}

}
