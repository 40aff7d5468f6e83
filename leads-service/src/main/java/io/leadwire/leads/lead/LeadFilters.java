package io.leadwire.leads.lead;

import java.util.function.Function;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.phone.PhoneNumbers;

/**
 * Query-string filters of {@code GET /v1/leads}. For older clients,
 * {@code status=WORKING} (and the other website statuses) filters on
 * {@code websiteStatus}: the two sets of values never overlap. {@code phone} is read
 * through the phone policy and matched exactly; a {@code q} written like a phone number
 * also finds leads by its digits and by its E.164 form ({@code q=0712 345 678} in KE
 * finds {@code +254712345678}).
 */
final class LeadFilters {

	static final int MAX_QUERY = 100;

	private LeadFilters() {
	}

	static LeadStore.LeadFilter parse(String status, String qualifier, String websiteStatus, String source,
			Long assignedTo, String q, String phone, PhoneNumbers phones) {
		LeadEnums.Status leadStatus = null;
		LeadEnums.WebsiteStatus website = parse("websiteStatus", websiteStatus, LeadEnums.WebsiteStatus::valueOf);
		if (status != null) {
			LeadEnums.WebsiteStatus legacy = tryParse(status, LeadEnums.WebsiteStatus::valueOf);
			if (legacy != null) {
				website = legacy;
			}
			else {
				leadStatus = parse("status", status, LeadEnums.Status::parse);
			}
		}
		if (q != null && q.length() > MAX_QUERY) {
			throw ApiException.validation("q", "at most " + MAX_QUERY + " characters");
		}
		String qDigits = phoneDigits(q);
		return new LeadStore.LeadFilter(leadStatus, website,
				parse("qualifier", qualifier, LeadEnums.Qualifier::valueOf),
				parse("source", source, LeadEnums.Source::parse), assignedTo,
				(phone != null) ? phones.toE164("phone", phone) : null, q, qDigits,
				(qDigits != null) ? phones.toE164OrNull(q) : null);
	}

	/**
	 * The digits of a search written like a phone number (digits, separators and a
	 * leading {@code +}, at least three digits); null for any other text.
	 */
	static String phoneDigits(String q) {
		if (q == null) {
			return null;
		}
		StringBuilder digits = new StringBuilder(q.length());
		for (int i = 0; i < q.length(); i++) {
			char c = q.charAt(i);
			if (c >= '0' && c <= '9') {
				digits.append(c);
			}
			else if (" +-.()/\u00A0".indexOf(c) < 0) {
				return null;
			}
		}
		return (digits.length() >= 3) ? digits.toString() : null;
	}

	private static <E> E parse(String field, String value, Function<String, E> parser) {
		if (value == null) {
			return null;
		}
		E parsed = tryParse(value, parser);
		if (parsed == null) {
			throw ApiException.validation(field, "unknown value");
		}
		return parsed;
	}

	private static <E> E tryParse(String value, Function<String, E> parser) {
		try {
			return parser.apply(value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
