package io.leadwire.campaign.delivery;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.leadwire.common.api.ApiResponse.FieldError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sending window in the recipient's local time: where it is open, when it opens next
 * (across midnight, across a change of clocks, for a number of several zones), and the
 * zones libphonenumber gives numbers.
 */
class SendingWindowTests {

	private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	@Test
	void aDaytimeWindowOpensAtItsStartInTheRecipientsZone() {
		SendingWindow window = window("08:00", "20:00");
		Instant nineAtNight = Instant.parse("2027-03-01T18:00:00Z"); // 21:00 in Nairobi
		assertThat(window.opensAt(List.of(NAIROBI), nineAtNight)).isEqualTo(Instant.parse("2027-03-02T05:00:00Z"));
		assertThat(window.opensAt(List.of(NEW_YORK), nineAtNight)).as("13:00 in New York: open").isNull();
		Instant sevenInTheMorning = Instant.parse("2027-03-02T04:00:00Z");
		assertThat(window.opensAt(List.of(NAIROBI), sevenInTheMorning))
			.isEqualTo(Instant.parse("2027-03-02T05:00:00Z"));
		assertThat(window.contains(LocalTime.of(20, 0))).as("the end is not in it").isFalse();
		assertThat(window.contains(LocalTime.of(8, 0))).isTrue();
	}

	@Test
	void aWindowAcrossMidnightAndOneToTheEndOfTheDay() {
		SendingWindow night = window("22:00", "06:00");
		assertThat(night.contains(LocalTime.of(23, 30))).isTrue();
		assertThat(night.contains(LocalTime.of(5, 59))).isTrue();
		assertThat(night.contains(LocalTime.of(6, 0))).isFalse();
		assertThat(night.contains(LocalTime.NOON)).isFalse();
		SendingWindow evening = window("18:00", "24:00");
		assertThat(evening.contains(LocalTime.of(23, 59, 59))).isTrue();
		assertThat(evening.contains(LocalTime.of(0, 0))).isFalse();
		assertThat(window("00:00", "24:00").always()).isTrue();
	}

	@Test
	void theWindowOpensAtNineOnTheDayTheClocksGoForward() {
		// New York moves from EST (-5) to EDT (-4) on 14 March 2027 at 02:00.
		Instant saturdayNight = Instant.parse("2027-03-14T03:00:00Z"); // 22:00 EST on the
																		// 13th
		assertThat(window("09:00", "17:00").opensAt(List.of(NEW_YORK), saturdayNight))
			.isEqualTo(Instant.parse("2027-03-14T13:00:00Z")); // 09:00 EDT
	}

	@Test
	void aNumberOfSeveralZonesWaitsUntilTheWindowIsOpenInAllOfThem() {
		List<ZoneId> zones = List.of(ZoneId.of("Europe/Lisbon"), ZoneId.of("Europe/Helsinki")); // 2
																								// h
																								// apart
		SendingWindow window = window("08:00", "20:00");
		Instant sixUtc = Instant.parse("2027-01-10T06:00:00Z"); // 06:00 Lisbon, 08:00
																// Helsinki
		assertThat(window.opensAt(zones, sixUtc)).isEqualTo(Instant.parse("2027-01-10T08:00:00Z"));
		// A window shorter than their spread never opens in both: the first zone decides.
		SendingWindow hour = window("09:00", "10:00");
		assertThat(hour.opensAt(zones, sixUtc)).isEqualTo(Instant.parse("2027-01-10T09:00:00Z"));
	}

	@Test
	void zonesComeFromTheNumberAndAnUnplacedNumberTakesTheFallback() {
		RecipientZones zones = new RecipientZones();
		assertThat(zones.of("+254712345678", ZoneOffset.UTC)).containsExactly(NAIROBI);
		assertThat(zones.of("+12125550143", ZoneOffset.UTC)).containsExactly(NEW_YORK);
		assertThat(zones.of("+14155550143", ZoneOffset.UTC)).containsExactly(ZoneId.of("America/Los_Angeles"));
		assertThat(zones.of("+999123", NAIROBI)).containsExactly(NAIROBI);
	}

	@Test
	void badWindowsAreNamedByTheirPart() {
		List<FieldError> errors = new ArrayList<>();
		assertThat(SendingWindow.of("sendingWindow", "8am", "24:00", errors)).isNull();
		assertThat(SendingWindow.of("sendingWindow", "24:00", "08:00", errors)).isNull();
		assertThat(SendingWindow.of("sendingWindow", "09:00", "09:00", errors)).isNull();
		assertThat(errors).extracting(FieldError::field)
			.containsExactly("sendingWindow.start", "sendingWindow.start", "sendingWindow");
	}

	private static SendingWindow window(String start, String end) {
		List<FieldError> errors = new ArrayList<>();
		SendingWindow window = SendingWindow.of("w", start, end, errors);
		assertThat(errors).isEmpty();
		return window;
	}

}
