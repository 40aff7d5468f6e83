package io.leadwire.leads.lead;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse.FieldError;
import io.leadwire.common.api.ErrorCodes;
import tools.jackson.databind.JsonNode;

/**
 * The writable fields of a lead, filled from a JSON body. Create and update share it: a
 * field that is absent stays as it was, a field sent as null is cleared where it is
 * optional (API.md §1). Older clients' snake_case names are accepted. Wrong types and
 * unknown enum values are 400; values of the right type that break a rule are 422; both
 * name the field.
 */
final class LeadDraft {

	static final int MAX_CUSTOM_FIELDS = 50;

	static final int MAX_CUSTOM_KEY = 64;

	static final int MAX_CUSTOM_VALUE = 1000;

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");

	private static final Pattern WEBSITE = Pattern
		.compile("^(https?://)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9-]+)+(:\\d{1,5})?(/\\S*)?$");

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

	static LeadDraft empty() {
		LeadDraft draft = new LeadDraft();
		draft.websiteStatus = LeadEnums.WebsiteStatus.UNCHECKED;
		draft.source = LeadEnums.Source.API;
		draft.status = LeadEnums.Status.NEW;
		draft.customFields = Map.of();
		return draft;
	}

	static LeadDraft of(Lead lead) {
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
		if (!this.typeErrors.isEmpty()) {
			throw new ApiException(400, ErrorCodes.BAD_REQUEST, "Invalid field types or values", this.typeErrors);
		}
		return this;
	}

	/** Rules over the whole lead, checked once every field is applied. */
	LeadDraft validate() {
		if (this.phone == null && this.email == null) {
			this.ruleErrors.add(new FieldError("phone", "phone or email is required"));
		}
		if (!this.ruleErrors.isEmpty()) {
			throw ApiException.validation(this.ruleErrors);
		}
		if (this.name == null || this.name.isBlank()) {
			String joined = String.join(" ", nonBlank(this.firstName), nonBlank(this.lastName)).trim();
			this.name = joined.isEmpty() ? "Unknown" : joined;
		}
		return this;
	}

	private String normaliseEmail(String value) {
		if (value == null) {
			return null;
		}
		String email = value.trim().toLowerCase(Locale.ROOT);
		if (!EMAIL.matcher(email).matches()) {
			this.ruleErrors.add(new FieldError("email", "Invalid email format"));
		}
		return email;
	}

	private String normalisePhone(String value, PhoneNumbers phones) {
		if (value == null) {
			return null;
		}
		String e164 = phones.toE164(value);
		if (e164 == null) {
			this.ruleErrors.add(new FieldError("phone", "Invalid phone number"));
		}
		return e164;
	}

	private String checkWebsite(String value) {
		if (value != null && !WEBSITE.matcher(value.trim()).matches()) {
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
