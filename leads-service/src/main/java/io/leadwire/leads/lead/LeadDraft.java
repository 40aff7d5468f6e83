package io.leadwire.leads.lead;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse.FieldError;
import io.leadwire.common.api.ControlCharacters;
import io.leadwire.common.fields.CustomFields;
import io.leadwire.common.fields.EmailAddresses;
import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.phone.InvalidPhoneNumberException;
import io.leadwire.common.phone.PhoneNumbers;

/**
 * The writable fields of a lead, filled from a bound {@link LeadRequest}. Create and
 * update share it: a field that is absent stays as it was, a field sent as null is
 * cleared where it is optional (docs/api.md §1). Wrong types and unknown enum values are
 * refused by binding (400), over-long text here (400); values that break a rule are 422;
 * all name the field. Imports fill it from CSV text instead ({@link #applyColumn}).
 */
public final class LeadDraft {

	/** The lead fields a CSV column can fill. */
	public enum Column {

		FIRST_NAME, LAST_NAME, NAME, EMAIL, PHONE, WEBSITE, WEBSITE_STATUS, STATUS, SOURCE, QUALIFIER, SCORE

	}

	public static final int MAX_CUSTOM_FIELDS = CustomFields.MAX_FIELDS;

	String firstName;

	String lastName;

	String name;

	String email;

	String phone;

	String website;

	LeadEnums.WebsiteStatus websiteStatus;

	LeadEnums.Qualifier qualifier;

	LeadEnums.Source source;

	LeadEnums.Status status;

	int score;

	Long assignedTo;

	Map<String, Object> customFields;

	private final List<FieldError> typeErrors = new ArrayList<>();

	private final List<FieldError> ruleErrors = new ArrayList<>();

	/** The fields the body sent (and {@code name} when it is derived anew). */
	private final java.util.Set<String> touched = new java.util.LinkedHashSet<>();

	static LeadDraft empty() {
		LeadDraft draft = new LeadDraft();
		draft.websiteStatus = LeadEnums.WebsiteStatus.UNCHECKED;
		draft.source = LeadEnums.Source.API;
		draft.status = LeadEnums.Status.NEW;
		draft.customFields = Map.of();
		return draft;
	}

	/** A lead read from an import: its source is {@code import} unless a column says. */
	public static LeadDraft forImport() {
		LeadDraft draft = empty();
		draft.source = LeadEnums.Source.IMPORT;
		draft.customFields = new LinkedHashMap<>();
		return draft;
	}

	public static LeadDraft of(Lead lead) {
		LeadDraft draft = new LeadDraft();
		draft.firstName = lead.firstName();
		draft.lastName = lead.lastName();
		draft.name = lead.name();
		draft.email = lead.email();
		draft.phone = lead.phone();
		draft.website = lead.website();
		draft.websiteStatus = lead.websiteStatus();
		draft.qualifier = lead.qualifier();
		draft.source = lead.source();
		draft.status = lead.status();
		draft.score = lead.score();
		draft.assignedTo = lead.assignedTo();
		draft.customFields = (lead.customFields() != null) ? lead.customFields() : Map.of();
		return draft;
	}

	/** Applies the fields the request sent; throws with every problem found. */
	LeadDraft apply(LeadRequest request, PhoneNumbers phones) {
		if (request == null) {
			throw ApiException.badRequest("The request body must be a JSON object");
		}
		text("firstName", request.firstName(), 100, (v) -> this.firstName = v);
		text("lastName", request.lastName(), 100, (v) -> this.lastName = v);
		text("name", request.name(), 200, (v) -> this.name = v);
		text("email", request.email(), 320, (v) -> this.email = normaliseEmail(v));
		text("phone", request.phone(), 40, (v) -> this.phone = normalisePhone(v, phones));
		text("website", request.website(), 2048, (v) -> this.website = checkWebsite(v));
		value("websiteStatus", request.websiteStatus(),
				(v) -> this.websiteStatus = (v != null) ? v : LeadEnums.WebsiteStatus.UNCHECKED);
		value("qualifier", request.qualifier(), (v) -> this.qualifier = v);
		value("source", request.source(), (v) -> this.source = (v != null) ? v : LeadEnums.Source.API);
		value("status", request.status(), (v) -> this.status = (v != null) ? v : LeadEnums.Status.NEW);
		value("score", request.score(), (v) -> this.score = checkScore(v));
		value("assignedTo", request.assignedTo(), (v) -> this.assignedTo = v);
		value("customFields", request.customFields(), (v) -> this.customFields = checkCustom(v));
		if (!this.typeErrors.isEmpty()) {
			throw new ApiException(400, ErrorCodes.BAD_REQUEST, "Invalid field types or values", this.typeErrors);
		}
		return this;
	}

	/** A text field the request sent: too long is a 400, like a wrong type. */
	private void text(String field, Optional<String> sent, int maxLength, java.util.function.Consumer<String> set) {
		if (sent == null) {
			return;
		}
		this.touched.add(field);
		String value = sent.orElse(null);
		if (value != null && value.length() > maxLength) {
			this.typeErrors.add(new FieldError(field, "at most " + maxLength + " characters"));
			return;
		}
		set.accept(value);
	}

	private <T> void value(String field, Optional<T> sent, java.util.function.Consumer<T> set) {
		if (sent != null) {
			this.touched.add(field);
			set.accept(sent.orElse(null));
		}
	}

	/**
	 * Sets one field from CSV text (trimmed, not empty). Problems are kept and thrown by
	 * {@link #validate()}, naming the field.
	 */
	public LeadDraft applyColumn(Column column, String value, PhoneNumbers phones) {
		switch (column) {
			case FIRST_NAME -> this.firstName = limited("firstName", value, 100);
			case LAST_NAME -> this.lastName = limited("lastName", value, 100);
			case NAME -> this.name = limited("name", value, 200);
			case EMAIL -> this.email = normaliseEmail(limited("email", value, 320));
			case PHONE -> this.phone = normalisePhone(limited("phone", value, 40), phones);
			case WEBSITE -> this.website = checkWebsite(limited("website", value, 2048));
			case WEBSITE_STATUS -> this.websiteStatus = parsed("websiteStatus", value,
					(text) -> LeadEnums.WebsiteStatus.valueOf(text.toUpperCase(Locale.ROOT)), this.websiteStatus);
			case STATUS -> this.status = parsed("status", value, LeadEnums.Status::parse, this.status);
			case SOURCE -> this.source = parsed("source", value, LeadEnums.Source::parse, this.source);
			case QUALIFIER -> this.qualifier = parsed("qualifier", value,
					(text) -> LeadEnums.Qualifier.valueOf(text.toUpperCase(Locale.ROOT)), this.qualifier);
			case SCORE -> this.score = checkScore(parsed("score", value, Integer::valueOf, this.score));
		}
		return this;
	}

	/** Sets a custom field from CSV text, within the same bounds as a JSON body's. */
	public LeadDraft putCustom(String key, String value) {
		this.customFields = CustomFields.put(this.customFields, key, value, this.ruleErrors);
		return this;
	}

	public String email() {
		return this.email;
	}

	/** The lead fields this draft changes: an update writes these and no others. */
	java.util.Set<String> touched() {
		return java.util.Collections.unmodifiableSet(this.touched);
	}

	public String phone() {
		return this.phone;
	}

	/** The lead these fields describe. */
	public Lead toLead(long id, TenantScope scope, Long duplicateOf, Instant createdAt, Instant updatedAt) {
		return new Lead(id, scope.tenantId(), scope.environment(), this.firstName, this.lastName, this.name, this.email,
				this.phone, this.website, this.websiteStatus, this.qualifier, this.source, this.status, this.score,
				this.assignedTo, this.customFields, duplicateOf, createdAt, updatedAt, null, null, null, 0);
	}

	private String limited(String field, String value, int maxLength) {
		if (value.length() > maxLength) {
			this.ruleErrors.add(new FieldError(field, "at most " + maxLength + " characters"));
			return null;
		}
		int control = ControlCharacters.indexIn(value);
		if (control >= 0) {
			this.ruleErrors.add(new FieldError(field, ControlCharacters.message(value, control)));
			return null;
		}
		return value;
	}

	private <T> T parsed(String field, String value, Function<String, T> parser, T otherwise) {
		try {
			return parser.apply(value);
		}
		catch (IllegalArgumentException ex) {
			this.ruleErrors.add(new FieldError(field, "unknown value"));
			return otherwise;
		}
	}

	/** Rules over the whole lead, checked once every field is applied. */
	public LeadDraft validate() {
		if (this.phone == null && this.email == null) {
			this.ruleErrors.add(new FieldError("phone", "phone or email is required"));
		}
		if (!this.ruleErrors.isEmpty()) {
			throw ApiException.validation(this.ruleErrors);
		}
		if (this.name == null || this.name.isBlank()) {
			String joined = String.join(" ", nonBlank(this.firstName), nonBlank(this.lastName)).trim();
			this.name = joined.isEmpty() ? "Unknown" : joined;
			this.touched.add("name");
		}
		return this;
	}

	private String normaliseEmail(String value) {
		if (value == null) {
			return null;
		}
		String email = EmailAddresses.normalise(value);
		if (!EmailAddresses.isValid(email)) {
			this.ruleErrors.add(new FieldError("email", "Invalid email format"));
		}
		return email;
	}

	private String normalisePhone(String value, PhoneNumbers phones) {
		if (value == null) {
			return null;
		}
		try {
			return phones.toE164(value);
		}
		catch (InvalidPhoneNumberException ex) {
			this.ruleErrors.add(new FieldError("phone", ex.getMessage()));
			return null;
		}
	}

	private String checkWebsite(String value) {
		if (value != null && !TextFormats.isWebsite(value.trim())) {
			this.ruleErrors.add(new FieldError("website", "Invalid website address"));
		}
		return (value != null) ? value.trim() : null;
	}

	private int checkScore(Integer value) {
		if (value == null) {
			return 0;
		}
		if (value < 0 || value > 100) {
			this.ruleErrors.add(new FieldError("score", "must be between 0 and 100"));
		}
		return value;
	}

	private Map<String, Object> checkCustom(Map<String, Object> value) {
		return CustomFields.check(value, this.ruleErrors);
	}

	private static String nonBlank(String value) {
		return (value == null) ? "" : value.trim();
	}

}
