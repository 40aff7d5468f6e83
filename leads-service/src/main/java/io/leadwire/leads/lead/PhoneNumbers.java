package io.leadwire.leads.lead;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Normalises phone numbers to E.164 with libphonenumber; numbers without a country code
 * are read in the configured default region.
 */
@Component
public class PhoneNumbers {

	private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

	private final String defaultRegion;

	public PhoneNumbers(@Value("${leadwire.leads.default-phone-region:US}") String defaultRegion) {
		this.defaultRegion = defaultRegion;
	}

	/** The E.164 form, or null if the text is not a possible phone number. */
	public String toE164(String raw) {
		if (raw == null || raw.length() > 40) {
			return null;
		}
		try {
			PhoneNumber number = UTIL.parse(raw, this.defaultRegion);
			return UTIL.isValidNumber(number) ? UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
		}
		catch (NumberParseException ex) {
			return null;
		}
	}

}
