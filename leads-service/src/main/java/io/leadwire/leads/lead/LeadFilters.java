package io.leadwire.leads.lead;

import java.util.function.Function;

import io.leadwire.common.api.ApiException;

/**
 * Query-string filters of {@code GET /v1/leads}. For older clients,
 * {@code status=WORKING} (and the other website statuses) filters on
 * {@code websiteStatus}: the two sets of values never overlap.
 */
final class LeadFilters {

	static final int MAX_QUERY = 100;

	private LeadFilters() {
	}

	static LeadStore.LeadFilter parse(String status, String qualifier, String websiteStatus, String source,
			Long assignedTo, String q) {
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
		return new LeadStore.LeadFilter(leadStatus, website,
				parse("qualifier", qualifier, LeadEnums.Qualifier::valueOf),
				parse("source", source, LeadEnums.Source::parse), assignedTo, q);
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
