package io.leadwire.leads.lead;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse.FieldError;
import io.leadwire.common.api.ControlCharacters;
import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.phone.InvalidPhoneNumberException;
import io.leadwire.common.phone.PhoneNumbers;
import tools.jackson.databind.JsonNode;

/**
 * The writable fields of a lead, filled from a JSON body. Create and update share it: a
 * field that is absent stays as it was, a field sent as null is cleared where it is
 * optional (API.md §1). Older clients' snake_case names are accepted. Wrong types and
 * unknown enum values are 400; values of the right type that break a rule are 422; both
 * name the field. Imports fill it from CSV text instead ({@link #applyColumn}).
 */
public final class LeadDraft {

	/** The lead fields a CSV column can fill. */
	public enum Column {

		FIRST_NAME, LAST_NAME, NAME, EMAIL, PHONE, WEBSITE, WEBSITE_STATUS, STATUS, SOURCE, QUALIFIER, SCORE

	}

	public static final int MAX_CUSTOM_FIELDS = 50;

	static final int MAX_CUSTOM_KEY = 64;

	static final int MAX_CUSTOM_VALUE = 1000;

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

	/** Applies the fields present in {@code body}; throws with every problem found. */
	LeadDraft apply(JsonNode body, PhoneNumbers phones) {
		if (body == null || !body.isObject()) {
			throw ApiException.badRequest("The request body must be a JSON object");
		}
		Fields fields = new Fields(body);
		fields.text("firstName", "first_name", 100).ifPresent((v) -> this.firstName = v.value());
		fields.text("lastName", "last_name", 100).ifPresent((v) -> this.lastName = v.value());
		fields.text("name", "name", 200).ifPresent((v) -> this.name = v.value());
		fields.text("email", "email", 320).ifPresent((v) -> this.email = normaliseEmail(v.value()));
		fields.text("phone", "phone", 40).ifPresent((v) -> this.phone = normalisePhone(v.value(), phones));
		fields.text("website", "website", 2048).ifPresent((v) -> this.website = checkWebsite(v.value()));
		fields.enumValue("websiteStatus", "website_status", LeadEnums.WebsiteStatus::valueOf)
			.ifPresent((v) -> this.websiteStatus = (v.value() != null) ? v.value() : LeadEnums.WebsiteStatus.UNCHECKED);
		fields.enumValue("qualifier", "qualifier", LeadEnums.Qualifier::valueOf)
			.ifPresent((v) -> this.qualifier = v.value());
		fields.enumValue("source", "source", LeadEnums.Source::parse)
			.ifPresent((v) -> this.source = (v.value() != null) ? v.value() : LeadEnums.Source.API);
		fields.enumValue("status", "status", LeadEnums.Status::parse)
			.ifPresent((v) -> this.status = (v.value() != null) ? v.value() : LeadEnums.Status.NEW);
		fields.integer("score", "score").ifPresent((v) -> this.score = checkScore(v.value()));
		fields.id("assignedTo", "assigned_to").ifPresent((v) -> this.assignedTo = v.value());
		fields.object("customFields", "custom_fields").ifPresent((v) -> this.customFields = checkCustom(v.value()));
		this.typeErrors.addAll(fields.errors);
		this.touched.addAll(fields.present);
		if (!this.typeErrors.isEmpty()) {
			throw new ApiException(400, ErrorCodes.BAD_REQUEST, "Invalid field types or values", this.typeErrors);
		}
		return this;
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
		Map<String, Object> custom = (this.customFields instanceof LinkedHashMap) ? this.customFields
				: new LinkedHashMap<>(this.customFields);
		if (!custom.containsKey(key) && custom.size() >= MAX_CUSTOM_FIELDS) {
			this.ruleErrors.add(new FieldError("customFields", "at most " + MAX_CUSTOM_FIELDS + " fields"));
		}
		else if (ControlCharacters.indexIn(key) >= 0 || ControlCharacters.indexIn(value) >= 0) {
			this.ruleErrors
				.add(new FieldError("customFields." + abbreviate(key), "must not contain control characters"));
		}
		else if (value.length() > MAX_CUSTOM_VALUE) {
			this.ruleErrors.add(new FieldError("customFields." + abbreviate(key),
					"values are at most " + MAX_CUSTOM_VALUE + " characters"));
		}
		else {
			custom.put(key, value);
		}
		this.customFields = custom;
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
		String email = value.trim().toLowerCase(Locale.ROOT);
		if (!TextFormats.isEmail(email)) {
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

	private Map<String, Object> checkCustom(JsonNode value) {
		if (value == null) {
			return Map.of();
		}
		if (value.size() > MAX_CUSTOM_FIELDS) {
			this.ruleErrors.add(new FieldError("customFields", "at most " + MAX_CUSTOM_FIELDS + " fields"));
			return Map.of();
		}
		Map<String, Object> custom = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : value.properties()) {
			String key = entry.getKey();
			JsonNode field = entry.getValue();
			if (key.isEmpty() || key.length() > MAX_CUSTOM_KEY || key.startsWith("$") || key.contains(".")) {
				this.ruleErrors.add(new FieldError("customFields." + abbreviate(key),
						"names are 1-64 characters without '$' or '.'"));
			}
			else if (field.isString() && field.asString().length() <= MAX_CUSTOM_VALUE) {
				custom.put(key, field.asString());
			}
			else if (field.isBoolean()) {
				custom.put(key, field.asBoolean());
			}
			else if (field.isIntegralNumber() && field.canConvertToLong()) {
				custom.put(key, field.asLong());
			}
			else if (field.isNumber()) {
				custom.put(key, field.asDouble());
			}
			else {
				this.ruleErrors.add(new FieldError("customFields." + key,
						"values are strings (up to " + MAX_CUSTOM_VALUE + " characters), numbers or booleans"));
			}
		}
		return custom;
	}

	private static String abbreviate(String key) {
		return (key.length() > MAX_CUSTOM_KEY) ? key.substring(0, MAX_CUSTOM_KEY) + "…" : key;
	}

	private static String nonBlank(String value) {
		return (value == null) ? "" : value.trim();
	}

	/**
	 * A value read from the body; {@code value} null means the field was sent as null.
	 */
	record Present<T>(T value) {
	}

	/**
	 * Reads typed fields by camelCase name or snake_case alias, collecting type errors.
	 */
	private static final class Fields {

		private final JsonNode body;

		private final List<FieldError> errors = new ArrayList<>();

		private final java.util.Set<String> present = new java.util.LinkedHashSet<>();

		Fields(JsonNode body) {
			this.body = body;
		}

		java.util.Optional<Present<String>> text(String name, String alias, int maxLength) {
			return read(name, alias, (node) -> {
				if (!node.isString()) {
					return fail(name, "must be a string");
				}
				if (node.asString().length() > maxLength) {
					return fail(name, "at most " + maxLength + " characters");
				}
				return node.asString();
			});
		}

		<E> java.util.Optional<Present<E>> enumValue(String name, String alias, Function<String, E> parser) {
			return read(name, alias, (node) -> {
				if (!node.isString()) {
					return fail(name, "must be a string");
				}
				try {
					return parser.apply(node.asString());
				}
				catch (IllegalArgumentException ex) {
					return fail(name, "unknown value");
				}
			});
		}

		java.util.Optional<Present<Integer>> integer(String name, String alias) {
			return read(name, alias, (node) -> (node.isIntegralNumber() && node.canConvertToInt()) ? node.asInt()
					: fail(name, "must be a whole number"));
		}

		java.util.Optional<Present<Long>> id(String name, String alias) {
			return read(name, alias, (node) -> (node.isIntegralNumber() && node.canConvertToLong()) ? node.asLong()
					: fail(name, "must be an id"));
		}

		java.util.Optional<Present<JsonNode>> object(String name, String alias) {
			return read(name, alias, (node) -> node.isObject() ? node : fail(name, "must be an object"));
		}

		private <T> java.util.Optional<Present<T>> read(String name, String alias, Function<JsonNode, T> reader) {
			JsonNode node = this.body.has(name) ? this.body.get(name) : this.body.get(alias);
			if (node == null) {
				return java.util.Optional.empty();
			}
			this.present.add(name);
			if (node.isNull()) {
				return java.util.Optional.of(new Present<>(null));
			}
			int before = this.errors.size();
			T value = reader.apply(node);
			return (this.errors.size() > before) ? java.util.Optional.empty()
					: java.util.Optional.of(new Present<>(value));
		}

		private <T> T fail(String field, String message) {
			this.errors.add(new FieldError(field, message));
			return null;
		}

	}

}
