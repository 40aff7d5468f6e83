package io.leadwire.contacts.importing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse.FieldError;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.fields.EmailAddresses;
import io.leadwire.common.importing.CsvHeaders;
import io.leadwire.common.importing.CsvRows;
import io.leadwire.common.phone.PhoneNumbers;
import io.leadwire.contacts.contact.ContactFields;
import io.leadwire.contacts.contact.ContactRules;
import io.leadwire.contacts.contact.PhoneKeys;
import tools.jackson.databind.ObjectMapper;

/**
 * What each column of a contacts import's header fills. Names are compared without case,
 * spaces, dashes or underscores. A {@code phone} column is required; {@code name} (or
 * {@code first name} + {@code last name}), {@code email}, {@code favorite} and
 * {@code custom_fields} (a JSON object, as the export writes it) fill their fields; the
 * export's other columns ({@code id}, {@code group_ids}, {@code opted_out}, times) are
 * read and ignored (an import never opts a phone in or out, and joins the group it is
 * given); any other column becomes a custom field under its header text.
 */
final class ContactCsvHeader {

	enum Column {

		NAME, FIRST_NAME, LAST_NAME, PHONE, EMAIL, FAVORITE, CUSTOM_FIELDS, IGNORED

	}

	private static final Map<String, Column> KNOWN = known();

	private final int width;

	private final Column[] columns;

	private final String[] customNames;

	private ContactCsvHeader(int width, Column[] columns, String[] customNames) {
		this.width = width;
		this.columns = columns;
		this.customNames = customNames;
	}

	static ContactCsvHeader parse(List<String> names) {
		List<FieldError> errors = new ArrayList<>();
		CsvHeaders<Column> header = CsvHeaders.read(names, KNOWN, Column[]::new, errors);
		if (!header.has(Column.PHONE)) {
			errors.add(new FieldError("file", "the header row needs a phone column (for example 'phone', 'mobile', "
					+ "'whatsapp' or 'phone_number')"));
		}
		if (!errors.isEmpty()) {
			throw ApiException.validation(errors);
		}
		return new ContactCsvHeader(header.width(), header.columns(), header.customNames());
	}

	/**
	 * The rows of an import into {@code scope}: phones read with {@code phones} (the
	 * job's region), each row joining {@code groupId} when one is given.
	 */
	CsvRows<ContactFields> reading(PhoneNumbers phones, TenantScope scope, Long groupId, ObjectMapper json) {
		return new CsvRows<>() {

			@Override
			public int width() {
				return ContactCsvHeader.this.width;
			}

			@Override
			public ContactFields create(String[] values) {
				return read(values).draft();
			}

			@Override
			public Read<ContactFields> read(String[] values) {
				List<FieldError> leftOut = new ArrayList<>(1);
				ContactFields draft = apply(
						new ContactRules.Change(
								new ContactFields(null, null, null, List.of(), false, Map.of(), Set.of())),
						values, phones, groupId, json, leftOut)
					.requirePhone()
					.result();
				return new Read<>(draft, leftOut);
			}

			@Override
			public ContactFields update(ContactFields base, String[] values) {
				// What it leaves out was reported when the row was read.
				return apply(new ContactRules.Change(base), values, phones, groupId, json, new ArrayList<>(1)).result();
			}

			@Override
			public List<String> keys(ContactFields draft) {
				return List.of(PhoneKeys.of(scope, draft.phone()));
			}

		};
	}

	/**
	 * A row's non-empty cells written onto {@code change}; an email that is not an
	 * address is left out (added to {@code leftOut}) rather than failing the row, so the
	 * contact is still imported (docs/api.md, "Jobs").
	 */
	private ContactRules.Change apply(ContactRules.Change change, String[] values, PhoneNumbers phones, Long groupId,
			ObjectMapper json, List<FieldError> leftOut) {
		String first = null;
		String last = null;
		boolean named = false;
		for (int i = 0; i < values.length && i < this.width; i++) {
			String value = values[i].strip();
			if (value.isEmpty()) {
				continue;
			}
			Column column = this.columns[i];
			if (column == null) {
				if (this.customNames[i] != null) {
					change.custom(this.customNames[i], value);
				}
				continue;
			}
			switch (column) {
				case NAME -> {
					if (!named) {
						change.name(value);
						named = true;
					}
				}
				case FIRST_NAME -> first = value;
				case LAST_NAME -> last = value;
				case PHONE -> change.phone(unescaped(value), phones);
				case EMAIL -> email(change, value, leftOut);
				case FAVORITE -> change.favorite(isTrue(value));
				case CUSTOM_FIELDS -> customFields(change, value, json);
				case IGNORED -> {
				}
			}
		}
		if (!named && (first != null || last != null)) {
			change.name(((first != null) ? first : "") + ((first != null && last != null) ? " " : "")
					+ ((last != null) ? last : ""));
		}
		if (groupId != null) {
			change.join(groupId);
		}
		return change;
	}

	/**
	 * A cell as the export escaped it against formula injection ({@code '+2547…}) is read
	 * as written before.
	 */
	private static String unescaped(String value) {
		return (value.length() > 1 && value.charAt(0) == '\'' && "=+-@".indexOf(value.charAt(1)) >= 0)
				? value.substring(1) : value;
	}

	private static void email(ContactRules.Change change, String value, List<FieldError> leftOut) {
		String address = EmailAddresses.normalise(value);
		if (address.length() > EmailAddresses.MAX_LENGTH || !EmailAddresses.isValid(address)) {
			String shown = (value.length() > 80) ? value.substring(0, 80) + "…" : value;
			leftOut.add(new FieldError("email",
					"'" + shown + "' is not an email address: the row was imported without it"));
			return;
		}
		change.email(value);
	}

	private static boolean isTrue(String value) {
		String text = value.toLowerCase(Locale.ROOT);
		return text.equals("true") || text.equals("yes") || text.equals("1") || text.equals("y");
	}

	/** The export's {@code custom_fields} column: a JSON object of fields. */
	@SuppressWarnings("unchecked")
	private static void customFields(ContactRules.Change change, String value, ObjectMapper json) {
		Map<String, Object> fields;
		try {
			fields = json.readValue(value, Map.class);
		}
		catch (RuntimeException ex) {
			change.invalid("customFields", "the custom_fields column holds a JSON object");
			return;
		}
		change.customFields(fields);
	}

	private static Map<String, Column> known() {
		Map<String, Column> known = new HashMap<>();
		for (String name : List.of("name", "fullname", "contactname", "contact", "displayname")) {
			known.put(name, Column.NAME);
		}
		for (String name : List.of("firstname", "first", "givenname", "forename")) {
			known.put(name, Column.FIRST_NAME);
		}
		for (String name : List.of("lastname", "last", "surname", "familyname")) {
			known.put(name, Column.LAST_NAME);
		}
		for (String name : List.of("phone", "phonenumber", "mobile", "mobilephone", "mobilenumber", "cell", "cellphone",
				"whatsapp", "whatsappnumber", "whatsappphone", "tel", "telephone", "number", "msisdn")) {
			known.put(name, Column.PHONE);
		}
		for (String name : List.of("email", "emailaddress", "mail")) {
			known.put(name, Column.EMAIL);
		}
		for (String name : List.of("favorite", "favourite", "isfavorite", "isfavourite")) {
			known.put(name, Column.FAVORITE);
		}
		known.put("customfields", Column.CUSTOM_FIELDS);
		for (String name : List.of("id", "groupids", "groups", "optedout", "createdat", "updatedat")) {
			known.put(name, Column.IGNORED);
		}
		return Map.copyOf(known);
	}

}
