package io.leadwire.console.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import tools.jackson.databind.JsonNode;

/**
 * A lead as its form edits it; {@code etag} is the version it was read at, so an edit
 * made over another one is refused (412) instead of overwriting it. The API checks the
 * rest (a phone or an email is needed, the phone's number plan) and its field errors are
 * shown beside these fields.
 */
record LeadForm(@Size(max = 200) String name, @Email(message = "not an email address") @Size(max = 254) String email,
		@Size(max = 40) String phone, @Size(max = 2048) String website,
		@Pattern(regexp = "new|contacted|qualified|unqualified", message = "not a status") String status,
		@Min(value = 0, message = "0 to 100") @Max(value = 100, message = "0 to 100") Integer score,
		@Size(max = 200) String etag) {

	static final java.util.List<String> STATUSES = java.util.List.of("new", "contacted", "qualified", "unqualified");

	static LeadForm empty() {
		return new LeadForm("", "", "", "", "new", 0, null);
	}

	static LeadForm of(JsonNode lead, String etag) {
		return new LeadForm(lead.path("name").asString(""), lead.path("email").asString(""),
				lead.path("phone").asString(""), lead.path("website").asString(""), lead.path("status").asString("new"),
				lead.path("score").asInt(0), etag);
	}

	/** The body: what the form holds, blanks left out on create and cleared on edit. */
	Map<String, Object> body(boolean edit) {
		Map<String, Object> body = new LinkedHashMap<>();
		put(body, "name", this.name, edit);
		put(body, "email", this.email, edit);
		put(body, "phone", this.phone, edit);
		put(body, "website", this.website, edit);
		body.put("status", (this.status != null) ? this.status : "new");
		body.put("score", (this.score != null) ? this.score : 0);
		return body;
	}

	private static void put(Map<String, Object> body, String field, String value, boolean edit) {
		if (value != null && !value.isBlank()) {
			body.put(field, value.strip());
		}
		else if (edit) {
			body.put(field, null);
		}
	}

}
