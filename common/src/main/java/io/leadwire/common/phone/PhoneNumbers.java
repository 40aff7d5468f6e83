package io.leadwire.common.phone;

import java.util.Locale;
import java.util.Set;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import io.leadwire.common.api.ApiException;

/**
 * The platform's one phone identity (docs/phone-numbers.md): every service turns what a
 * customer wrote into E.164 here, so leads, contacts, opt-outs, campaign recipients and
 * chat ids agree on who a person is.
 * <ul>
 * <li>{@code +…} or {@code 00…}: international.</li>
 * <li>Digits without {@code +}: the default region's reading if it is a valid number
 * there ({@code 0712345678} in KE), else the international reading if that is valid
 * ({@code 254712345678} → {@code +254712345678}).</li>
 * <li>An explicit international number that is possible but not valid
 * ({@code +1-555-0199}) is kept as written ({@code +15550199}): numbering plans change
 * faster than libphonenumber's metadata.</li>
 * <li>A Brazilian mobile written without its ninth digit gets it
 * ({@code +55 11 8765-4321} → {@code +5511987654321}).</li>
 * </ul>
 * Separators (spaces, NBSP, dashes, dots, slashes, parentheses) are ignored; letters and
 * other characters are refused. Instances are immutable and thread-safe.
 */
public final class PhoneNumbers {

	/** The longest text read as a phone number. */
	public static final int MAX_LENGTH = 40;

	private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

	private static final Set<String> REGIONS = UTIL.getSupportedRegions();

	/** E.164 allows 15 digits; libphonenumber reads national numbers of up to 17. */
	private static final int MAX_DIGITS = 17;

	private static final int BRAZIL = 55;

	private final String defaultRegion;

	/**
	 * @param defaultRegion the ISO 3166 region numbers without a country code are read in
	 * @throws IllegalArgumentException if libphonenumber does not know the region
	 */
	public PhoneNumbers(String defaultRegion) {
		this.defaultRegion = region(defaultRegion);
		if (this.defaultRegion == null) {
			throw new IllegalArgumentException("Unknown phone region '" + defaultRegion
					+ "': use a two-letter ISO 3166 code that libphonenumber knows, such as US, KE or BR");
		}
	}

	public String defaultRegion() {
		return this.defaultRegion;
	}

	/**
	 * The same policy with another default region, for a request that names one;
	 * {@code null} or blank keeps this one.
	 * @throws ApiException 422 naming {@code field} if the region is unknown
	 */
	public PhoneNumbers inRegion(String region, String field) {
		if (region == null || region.isBlank()) {
			return this;
		}
		String code = region(region);
		if (code == null) {
			throw ApiException.validation(field,
					"unknown region: use a two-letter ISO 3166 code such as US, KE, NG, IN, GB, DE or BR");
		}
		return code.equals(this.defaultRegion) ? this : new PhoneNumbers(code);
	}

	/**
	 * The E.164 form of {@code raw}.
	 * @throws InvalidPhoneNumberException saying what is wrong with it
	 */
	public String toE164(String raw) {
		if (raw == null) {
			throw new InvalidPhoneNumberException("is required");
		}
		if (raw.length() > MAX_LENGTH) {
			throw new InvalidPhoneNumberException("must be at most " + MAX_LENGTH + " characters");
		}
		Digits digits = Digits.of(raw);
		if (digits.international()) {
			return international(digits.text());
		}
		PhoneNumber national = parse(digits.text(), this.defaultRegion);
		if (national != null && UTIL.isValidNumber(national)) {
			return e164(national);
		}
		PhoneNumber withCountryCode = parse("+" + digits.text(), null);
		if (withCountryCode != null && UTIL.isValidNumber(withCountryCode)) {
			return e164(withCountryCode);
		}
		String brazilian = withNinthDigit(
				(national != null && national.getCountryCode() == BRAZIL) ? national : withCountryCode);
		if (brazilian != null) {
			return brazilian;
		}
		if (digits.text().length() < 5) {
			throw new InvalidPhoneNumberException("is too short to be a phone number");
		}
		throw new InvalidPhoneNumberException("is not a valid phone number in " + this.defaultRegion
				+ " nor with a country code: write it with its country code, for example +254712345678");
	}

	/**
	 * The E.164 form of a request field.
	 * @throws ApiException 422 naming {@code field}, with what is wrong
	 */
	public String toE164(String field, String raw) {
		try {
			return toE164(raw);
		}
		catch (InvalidPhoneNumberException ex) {
			throw ApiException.validation(field, ex.getMessage());
		}
	}

	/** The E.164 form, or null for text that is not a phone number. */
	public String toE164OrNull(String raw) {
		try {
			return toE164(raw);
		}
		catch (InvalidPhoneNumberException ex) {
			return null;
		}
	}

	private static String international(String digits) {
		PhoneNumber number;
		try {
			number = UTIL.parse("+" + digits, null);
		}
		catch (NumberParseException ex) {
			throw new InvalidPhoneNumberException(switch (ex.getErrorType()) {
				case INVALID_COUNTRY_CODE -> "does not start with a known country code";
				case TOO_LONG -> "is too long to be a phone number";
				default -> "is too short to be a phone number";
			});
		}
		if (UTIL.isValidNumber(number)) {
			return e164(number);
		}
		String brazilian = withNinthDigit(number);
		if (brazilian != null) {
			return brazilian;
		}
		ValidationResult possible = UTIL.isPossibleNumberWithReason(number);
		return switch (possible) {
			case IS_POSSIBLE, IS_POSSIBLE_LOCAL_ONLY -> e164(number);
			case TOO_SHORT ->
				throw new InvalidPhoneNumberException("is too short for a +" + number.getCountryCode() + " number");
			case TOO_LONG ->
				throw new InvalidPhoneNumberException("is too long for a +" + number.getCountryCode() + " number");
			case INVALID_COUNTRY_CODE ->
				throw new InvalidPhoneNumberException("does not start with a known country code");
			case INVALID_LENGTH -> throw new InvalidPhoneNumberException(
					"has the wrong number of digits for a +" + number.getCountryCode() + " number");
		};
	}

	/**
	 * Brazil added a ninth digit (9) to every mobile number in 2012–2016; numbers are
	 * still written without it. Null unless inserting it makes a valid mobile number.
	 */
	private static String withNinthDigit(PhoneNumber number) {
		if (number == null || number.getCountryCode() != BRAZIL) {
			return null;
		}
		String national = UTIL.getNationalSignificantNumber(number);
		if (national.length() != 10 || national.charAt(2) < '6') {
			return null;
		}
		PhoneNumber fixed = parse("+55" + national.substring(0, 2) + "9" + national.substring(2), null);
		return (fixed != null && UTIL.isValidNumber(fixed)) ? e164(fixed) : null;
	}

	private static PhoneNumber parse(String text, String region) {
		try {
			return UTIL.parse(text, region);
		}
		catch (NumberParseException ex) {
			return null;
		}
	}

	private static String e164(PhoneNumber number) {
		return UTIL.format(number, PhoneNumberFormat.E164);
	}

	private static String region(String code) {
		if (code == null) {
			return null;
		}
		String upper = code.trim().toUpperCase(Locale.ROOT);
		return REGIONS.contains(upper) ? upper : null;
	}

	/**
	 * The digits of a number as written, and whether it was written as international
	 * ({@code +} or {@code 00}).
	 */
	private record Digits(String text, boolean international) {

		static Digits of(String raw) {
			char[] digits = new char[raw.length()];
			int count = 0;
			boolean plus = false;
			for (int i = 0; i < raw.length(); i++) {
				char c = raw.charAt(i);
				if (c >= '0' && c <= '9') {
					digits[count++] = c;
				}
				else if (isSeparator(c)) {
					continue;
				}
				else if (c == '+' || c == '\uFF0B') {
					if (plus || count > 0) {
						throw new InvalidPhoneNumberException("may have a '+' only at the start");
					}
					plus = true;
				}
				else if (Character.isDigit(c)) {
					digits[count++] = (char) ('0' + Character.digit(c, 10));
				}
				else if (Character.isLetter(c)) {
					throw new InvalidPhoneNumberException(
							"must not contain letters: write the number with digits only (extensions are not supported)");
				}
				else {
					throw new InvalidPhoneNumberException(
							"may contain only digits, a leading '+', spaces, dashes, dots, slashes and parentheses");
				}
			}
			if (count == 0) {
				throw new InvalidPhoneNumberException("must contain digits");
			}
			int from = 0;
			if (!plus && count > 2 && digits[0] == '0' && digits[1] == '0') {
				from = 2;
				plus = true;
			}
			if (count - from > MAX_DIGITS) {
				throw new InvalidPhoneNumberException("is too long to be a phone number");
			}
			return new Digits(new String(digits, from, count - from), plus);
		}

		private static boolean isSeparator(char c) {
			return switch (c) {
				case ' ', '\t', '\u00A0', '\u2007', '\u2009', '\u202F', '-', '\u2010', '\u2011', '\u2012', '\u2013',
						'\u2014', '\u2212', '.', '/', '(', ')', '[', ']' ->
					true;
				default -> false;
			};
		}

	}

}
