package io.leadwire.campaign.delivery;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import org.springframework.stereotype.Component;

/**
 * A recipient's time zones from its number, by libphonenumber's time-zone mapper (the
 * country, and for some countries the area code: {@code +1 212…} is New York,
 * {@code +1 415…} Los Angeles). A number the mapper cannot place has none: the tenant's
 * zone stands in. Answers are kept by the number's first eight digits (longer than any
 * prefix the mapper tells apart), at most {@value #MAX_CACHED} of them.
 */
@Component
public class RecipientZones {

	static final int MAX_CACHED = 50_000;

	private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

	private final PhoneNumberToTimeZonesMapper mapper = PhoneNumberToTimeZonesMapper.getInstance();

	private final Map<String, List<ZoneId>> byPrefix = new ConcurrentHashMap<>();

	/** The zones of an E.164 number; {@code fallback} alone when it has none. */
	public List<ZoneId> of(String e164, ZoneId fallback) {
		String prefix = (e164.length() > 9) ? e164.substring(0, 9) : e164;
		List<ZoneId> zones = this.byPrefix.get(prefix);
		if (zones == null) {
			zones = lookUp(e164);
			if (this.byPrefix.size() < MAX_CACHED) {
				this.byPrefix.put(prefix, zones);
			}
		}
		return zones.isEmpty() ? List.of(fallback) : zones;
	}

	private List<ZoneId> lookUp(String e164) {
		PhoneNumber number;
		try {
			number = this.util.parse(e164, "ZZ");
		}
		catch (NumberParseException ex) {
			return List.of();
		}
		List<ZoneId> zones = new ArrayList<>();
		for (String id : this.mapper.getTimeZonesForNumber(number)) {
			if (!id.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())) {
				try {
					zones.add(ZoneId.of(id));
				}
				catch (java.time.DateTimeException ex) {
					// A zone this JDK does not know: the others decide.
				}
			}
		}
		return List.copyOf(zones);
	}

}
