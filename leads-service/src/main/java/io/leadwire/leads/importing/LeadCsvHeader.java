package io.leadwire.leads.importing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse.FieldError;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.importing.CsvHeaders;
import io.leadwire.common.importing.CsvRows;
import io.leadwire.common.phone.PhoneNumbers;
import io.leadwire.leads.lead.ContactKeys;
import io.leadwire.leads.lead.LeadDraft;
import io.leadwire.leads.lead.LeadDraft.Column;

/**
 * What each column of an import's header row fills. Names are compared without case,
 * spaces, dashes or underscores ({@code "First Name"}, {@code first_name} and
 * {@code FIRSTNAME} are one name). Known names fill lead fields; the rest become custom
 * fields under their header text. When two columns fill the same field (say {@code phone}
 * and {@code mobile}) the first non-empty one wins. Columns without a name are ignored.
 */
public final class LeadCsvHeader {

	private static final Map<String, Column> KNOWN = known();

	private final int width;

	private final Column[] columns;

	private final String[] customNames;

	private LeadCsvHeader(int width, Column[] columns, String[] customNames) {
		this.width = width;
		this.columns = columns;
		this.customNames = customNames;
	}

	/**
	 * Reads the header row; a header that cannot describe leads (no phone or email
	 * column, too many or clashing custom columns) is a 422 naming the problem.
	 */
	public static LeadCsvHeader parse(List<String> names) {
		List<FieldError> errors = new ArrayList<>();
		CsvHeaders<Column> header = CsvHeaders.read(names, KNOWN, Column[]::new, errors);
		if (!header.has(Column.PHONE) && !header.has(Column.EMAIL)) {
			errors.add(new FieldError("file", "the header row needs a phone or an email column (for example 'phone', "
					+ "'mobile', 'whatsapp', 'email' or 'e-mail')"));
		}
		if (!errors.isEmpty()) {
			throw ApiException.validation(errors);
		}
		return new LeadCsvHeader(header.width(), header.columns(), header.customNames());
	}

	int width() {
		return this.width;
	}

	/**
	 * The rows of an import into {@code scope} under this header, phones read with
	 * {@code phones} (the job's region); a row's keys are its contact keys.
	 */
	public CsvRows<LeadDraft> reading(PhoneNumbers phones, TenantScope scope) {
		return new CsvRows<>() {

			@Override
			public int width() {
				return LeadCsvHeader.this.width;
			}

			@Override
			public LeadDraft create(String[] values) {
				return apply(LeadDraft.forImport(), values, phones).validate();
			}

			@Override
			public LeadDraft update(LeadDraft base, String[] values) {
				return apply(base, values, phones).validate();
			}

			@Override
			public List<String> keys(LeadDraft draft) {
				return ContactKeys.of(scope, draft.email(), draft.phone());
			}

		};
	}

	/**
	 * Applies a data row's non-empty cells to {@code draft}: a create starts from an
	 * empty import draft, an update from the existing lead (so empty cells change
	 * nothing).
	 */
	LeadDraft apply(LeadDraft draft, String[] values, PhoneNumbers phones) {
		boolean[] filled = new boolean[Column.values().length];
		for (int i = 0; i < values.length && i < this.width; i++) {
			String value = values[i].strip();
			if (value.isEmpty()) {
				continue;
			}
			Column column = this.columns[i];
			if (column != null) {
				if (!filled[column.ordinal()]) {
					filled[column.ordinal()] = true;
					draft.applyColumn(column, value, phones);
				}
			}
			else if (this.customNames[i] != null) {
				draft.putCustom(this.customNames[i], value);
			}
		}
		return draft;
	}

	private static Map<String, Column> known() {
		Map<String, Column> known = new HashMap<>();
		for (String name : List.of("name", "fullname", "leadname", "contactname", "contact")) {
			known.put(name, Column.NAME);
		}
		for (String name : List.of("firstname", "first", "givenname", "forename")) {
			known.put(name, Column.FIRST_NAME);
		}
		for (String name : List.of("lastname", "last", "surname", "familyname")) {
			known.put(name, Column.LAST_NAME);
		}
		for (String name : List.of("phone", "phonenumber", "mobile", "mobilephone", "mobilenumber", "cell", "cellphone",
				"whatsapp", "whatsappnumber", "whatsappphone", "tel", "telephone", "number")) {
			known.put(name, Column.PHONE);
		}
		for (String name : List.of("email", "emailaddress", "mail")) {
			known.put(name, Column.EMAIL);
		}
		for (String name : List.of("website", "url", "site", "web", "homepage", "websiteurl")) {
			known.put(name, Column.WEBSITE);
		}
		known.put("websitestatus", Column.WEBSITE_STATUS);
		known.put("status", Column.STATUS);
		known.put("source", Column.SOURCE);
		known.put("qualifier", Column.QUALIFIER);
		known.put("score", Column.SCORE);
		return Map.copyOf(known);
	}

}
