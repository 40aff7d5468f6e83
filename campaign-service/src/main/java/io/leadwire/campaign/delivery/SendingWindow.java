package io.leadwire.campaign.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.leadwire.common.api.ApiResponse.FieldError;

/**
 * When a recipient may be sent campaign messages, in the recipient's own local time: from
 * {@code start} (inclusive) to {@code end} (exclusive), both {@code HH:mm}; {@code end}
 * may be {@code 24:00}, and an {@code end} before {@code start} wraps past midnight
 * ({@code 22:00}–{@code 06:00}). {@code 00:00}–{@code 24:00} is always open.
 */
public record SendingWindow(String start, String end) {

	static final SendingWindow ALWAYS = new SendingWindow("00:00", "24:00");

	/** The window as written, or the errors naming {@code field}'s parts. */
	public static SendingWindow of(String field, String start, String end, List<FieldError> errors) {
		LocalTime from = time(field + ".start", start, false, errors);
		LocalTime to = time(field + ".end", end, true, errors);
		if (from != null && to != null && from.equals(to) && !"24:00".equals(end)) {
			errors.add(new FieldError(field, "start and end are the same time: the window would never open"));
			return null;
		}
		return (from == null || to == null) ? null : new SendingWindow(start.strip(), end.strip());
	}

	private static LocalTime time(String field, String value, boolean mayBeMidnightEnd, List<FieldError> errors) {
		if (value == null || value.isBlank()) {
			errors.add(new FieldError(field, "is required, as HH:mm"));
			return null;
		}
		String text = value.strip();
		if (mayBeMidnightEnd && text.equals("24:00")) {
			return LocalTime.MAX;
		}
		try {
			if (!text.matches("\\d{2}:\\d{2}")) {
				throw new DateTimeParseException("not HH:mm", text, 0);
			}
			return LocalTime.parse(text);
		}
		catch (DateTimeParseException ex) {
			errors.add(new FieldError(field,
					"a time of day as HH:mm (00:00 to 23:59" + (mayBeMidnightEnd ? ", or 24:00" : "") + ")"));
			return null;
		}
	}

	LocalTime from() {
		return LocalTime.parse(this.start);
	}

	/** The end, with {@code 24:00} as the end of the day. */
	boolean before(LocalTime time) {
		return this.end.equals("24:00") || time.isBefore(LocalTime.parse(this.end));
	}

	boolean always() {
		return this.start.equals("00:00") && this.end.equals("24:00");
	}

	/** Whether a local time of day is inside the window. */
	boolean contains(LocalTime time) {
		if (always()) {
			return true;
		}
		LocalTime from = from();
		boolean wraps = !this.end.equals("24:00") && LocalTime.parse(this.end).isBefore(from);
		if (wraps) {
			return !time.isBefore(from) || before(time);
		}
		return !time.isBefore(from) && before(time);
	}

	/** Whether the window is open at {@code at} in every one of {@code zones}. */
	boolean openIn(List<ZoneId> zones, Instant at) {
		for (ZoneId zone : zones) {
			if (!contains(at.atZone(zone).toLocalTime())) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The first moment from {@code now} at which the window is open in every one of
	 * {@code zones}; null when it is open now. A number whose zones never share an open
	 * moment (a window shorter than their spread) is judged by its first zone alone.
	 */
	Instant opensAt(List<ZoneId> zones, Instant now) {
		if (openIn(zones, now)) {
			return null;
		}
		// The window opens in one of the zones at a start time: the earliest such start
		// (today, tomorrow or the day after in that zone) at which every zone is open.
		List<Instant> starts = new ArrayList<>();
		for (ZoneId zone : zones) {
			LocalDate day = now.atZone(zone).toLocalDate();
			for (int d = 0; d <= 2; d++) {
				Instant start = ZonedDateTime.of(day.plusDays(d), from(), zone).toInstant();
				if (start.isAfter(now)) {
					starts.add(start);
				}
			}
		}
		starts.sort(null);
		for (Instant start : starts) {
			if (openIn(zones, start)) {
				return start;
			}
		}
		return (zones.size() > 1) ? opensAt(List.of(zones.get(0)), now) : starts.get(0);
	}

}
