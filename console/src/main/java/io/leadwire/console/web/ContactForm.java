package io.leadwire.console.web;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The new-contact form. Checked here for what a browser can get wrong without asking the
 * API; the API then checks the rest (the phone's number plan, duplicates) and its field
 * errors are shown beside the same fields.
 */
record ContactForm(@Size(max = 200) String name,
		@NotBlank(message = "a phone number is required") @Size(max = 40) String phone,
		@Email(message = "not an email address") @Size(max = 254) String email) {

	static ContactForm empty() {
		return new ContactForm("", "", "");
	}

}
