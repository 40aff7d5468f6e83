package io.leadwire.console.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import tools.jackson.databind.JsonNode;

/**
 * Delivery settings (docs/deliverability.md) as the sessions pages edit them: a sending
 * window in the recipients' local time (both ends, or neither), a daily cap per session
 * and the zone of its day; for the tenant, the frequency cap per recipient (messages in
 * days). Blank fields are null: for a session, the tenant's apply.
 */
record DeliveryForm(@Pattern(regexp = "|\\d{2}:\\d{2}", message = "a time as HH:mm") String start,
		@Pattern(regexp = "|\\d{2}:\\d{2}", message = "a time as HH:mm, or 24:00") String end,
		@Min(value = 1, message = "at least 1 a day") @Max(value = 1_000_000,
				message = "at most 1,000,000 a day") Integer dailyCap,
		@Size(max = 64) String timeZone,
		@Min(value = 1, message = "at least 1") @Max(value = 100, message = "at most 100") Integer capMessages,
		@Min(value = 1, message = "at least 1 day") @Max(value = 90, message = "at most 90 days") Integer capDays) {

	/** The API's field names mapped to the form's. */
	static final Map<String, String> FIELDS = Map.of("sendingWindow", "start", "sendingWindow.start", "start",
			"sendingWindow.end", "end", "dailyCap", "dailyCap", "timeZone", "timeZone", "frequencyCap.messages",
			"capMessages", "frequencyCap.days", "capDays", "frequencyCap", "capMessages");

	/** The form filled from the API's settings. */
	static DeliveryForm of(JsonNode settings) {
		JsonNode window = settings.path("sendingWindow");
		return new DeliveryForm(window.path("start").asString(""), window.path("end").asString(""),
				settings.path("dailyCap").isNumber() ? settings.path("dailyCap").asInt() : null,
				settings.path("timeZone").asString(""),
				settings.path("frequencyCap").path("messages").isNumber()
						? settings.path("frequencyCap").path("messages").asInt() : null,
				settings.path("frequencyCap").path("days").isNumber()
						? settings.path("frequencyCap").path("days").asInt() : null);
	}

	/**
	 * The API's body for {@code PUT …/delivery-settings}; the frequency cap (a tenant
	 * setting) only for the tenant's.
	 */
	Map<String, Object> body(boolean tenant) {
		Map<String, Object> body = new LinkedHashMap<>();
		boolean window = !blank(this.start) || !blank(this.end);
		body.put("sendingWindow", window ? Map.of("start", strip(this.start), "end", strip(this.end)) : null);
		body.put("dailyCap", this.dailyCap);
		body.put("timeZone", blank(this.timeZone) ? null : this.timeZone.strip());
		if (tenant) {
			boolean cap = this.capMessages != null || this.capDays != null;
			Map<String, Object> frequency = new LinkedHashMap<>();
			frequency.put("messages", this.capMessages);
			frequency.put("days", this.capDays);
			body.put("frequencyCap", cap ? frequency : null);
		}
		return body;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	private static String strip(String value) {
		return (value == null) ? "" : value.strip();
	}

}
