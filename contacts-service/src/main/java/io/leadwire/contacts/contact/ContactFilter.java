package io.leadwire.contacts.contact;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.data.mongodb.core.query.Criteria;

import io.leadwire.common.phone.InvalidPhoneNumberException;
import io.leadwire.common.phone.PhoneNumbers;

/**
 * The list and export filters of docs/api.md §4: a group, favourites, opted out, and
 * {@code search} over the name (case-insensitive, literal) or the phone: text written
 * like a phone number also matches its digits (without a leading trunk {@code 0}) inside
 * the E.164 phone, and its E.164 form in the default region ({@code 0712 345 678} finds
 * {@code +254712345678}).
 */
public record ContactFilter(Long groupId, Boolean favorite, Boolean optedOut, String search, String searchDigits,
		String searchPhone) {

	public static final ContactFilter NONE = new ContactFilter(null, null, null, null, null, null);

	private static final Pattern PHONE_LIKE = Pattern.compile("\\+?[0-9 ().\\-]{3,40}");

	public static ContactFilter of(Long groupId, Boolean favorite, Boolean optedOut, String search,
			PhoneNumbers phones) {
		String text = (search != null && !search.isBlank()) ? search.strip() : null;
		String digits = null;
		String e164 = null;
		if (text != null && PHONE_LIKE.matcher(text).matches()) {
			// A national trunk prefix (0712… for +254712…) is not part of the E.164 form.
			digits = text.replaceAll("[^0-9]", "").replaceFirst("^0+", "");
			digits = (digits.length() >= 3) ? digits : null;
			try {
				e164 = phones.toE164(text);
			}
			catch (InvalidPhoneNumberException ex) {
				// Part of a number: the digits still match.
			}
		}
		return new ContactFilter(groupId, favorite, optedOut, text, digits, e164);
	}

	void applyTo(Criteria criteria) {
		if (this.groupId != null) {
			criteria.and("groupIds").is(this.groupId);
		}
		if (this.favorite != null) {
			criteria.and("favorite").is(this.favorite);
		}
		if (this.optedOut != null) {
			criteria.and("optedOut").is(this.optedOut);
		}
		if (this.search != null) {
			List<Criteria> any = new ArrayList<>(List.of(Criteria.where("name").regex(Pattern.quote(this.search), "i"),
					Criteria.where("phone").regex(Pattern.quote(this.search))));
			if (this.searchDigits != null && !this.searchDigits.isEmpty()) {
				any.add(Criteria.where("phone").regex(this.searchDigits));
			}
			if (this.searchPhone != null) {
				any.add(Criteria.where("phone").is(this.searchPhone));
			}
			criteria.orOperator(any);
		}
	}

}
