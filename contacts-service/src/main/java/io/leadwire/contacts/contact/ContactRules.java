package io.leadwire.contacts.contact;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse.FieldError;
import io.leadwire.common.fields.CustomFields;
import io.leadwire.common.fields.EmailAddresses;
import io.leadwire.common.phone.InvalidPhoneNumberException;
import io.leadwire.common.phone.PhoneNumbers;

/**
 * What a contact's fields may hold (docs/api.md §4): a name of 1–{@value #MAX_NAME}
 * characters and a phone (normalised to E.164 by the platform's phone policy) are
 * required and cannot be cleared; an email, when given, has an address's shape; at most
 * {@value #MAX_GROUPS} groups; custom fields within the platform's bounds
 * ({@link CustomFields}). Every broken rule is reported at once, naming its field.
 */
public final class ContactRules {

	public static final int MAX_NAME = 200;

	public static final int MAX_GROUPS = 100;

	private ContactRules() {
	}

	/** The fields of a new contact from a create body. */
	static ContactFields forCreate(ContactRequest body, PhoneNumbers phones) {
		Change change = new Change(new ContactFields(null, null, null, List.of(), false, Map.of(), Set.of()));
		change.apply(body, phones);
		change.requireName();
		change.requirePhone();
		return change.result();
	}

	/** {@code current} with the fields {@code body} sends. */
	static ContactFields forUpdate(Contact current, ContactRequest body, PhoneNumbers phones) {
		Change change = new Change(ContactFields.of(current));
		change.apply(body, phones);
		return change.result();
	}

	/**
	 * A change built field by field (an import row's cells, a request's fields);
	 * {@link #result()} throws the broken rules, all of them.
	 */
	public static final class Change {

		private String name;

		private String phone;

		private String email;

		private List<Long> groupIds;

		private boolean favorite;

		private Map<String, Object> customFields;

		private final Set<String> touched = new LinkedHashSet<>();

		private final List<FieldError> errors = new ArrayList<>();

		public Change(ContactFields base) {
			this.name = base.name();
			this.phone = base.phone();
			this.email = base.email();
			this.groupIds = base.groupIds();
			this.favorite = base.favorite();
			this.customFields = base.customFields();
		}

		void apply(ContactRequest body, PhoneNumbers phones) {
			if (body == null) {
				throw ApiException.validation("body", "a JSON object with the contact's fields is required");
			}
			if (body.name() != null) {
				name(body.name().orElse(null));
			}
			if (body.phone() != null) {
				phone(body.phone().orElse(null), phones);
			}
			if (body.email() != null) {
				email(body.email().orElse(null));
			}
			if (body.groupIds() != null || body.groupId() != null) {
				Set<Long> groups = new LinkedHashSet<>();
				if (body.groupIds() != null) {
					body.groupIds().ifPresent(groups::addAll);
				}
				else {
					groups.addAll(this.groupIds);
				}
				if (body.groupId() != null) {
					body.groupId().ifPresent(groups::add);
				}
				groups.remove(null);
				groupIds(List.copyOf(groups));
			}
			if (body.isFavorite() != null) {
				this.favorite = body.isFavorite().orElse(false);
				this.touched.add("favorite");
			}
			if (body.customFields() != null) {
				this.customFields = CustomFields.check(body.customFields().orElse(null), this.errors);
				this.touched.add("customFields");
			}
		}

		public Change name(String value) {
			String text = (value != null) ? value.strip() : null;
			if (text == null || text.isEmpty()) {
				this.errors.add(new FieldError("name", "is required and cannot be cleared"));
			}
			else if (text.length() > MAX_NAME) {
				this.errors.add(new FieldError("name", "at most " + MAX_NAME + " characters"));
			}
			this.name = text;
			this.touched.add("name");
			return this;
		}

		public Change phone(String value, PhoneNumbers phones) {
			this.touched.add("phone");
			if (value == null || value.isBlank()) {
				this.errors.add(new FieldError("phone", "is required and cannot be cleared"));
				return this;
			}
			try {
				this.phone = phones.toE164(value);
			}
			catch (InvalidPhoneNumberException ex) {
				this.errors.add(new FieldError("phone", ex.getMessage()));
			}
			return this;
		}

		public Change email(String value) {
			this.touched.add("email");
			if (value == null || value.isBlank()) {
				this.email = null;
				return this;
			}
			String address = EmailAddresses.normalise(value);
			if (address.length() > EmailAddresses.MAX_LENGTH || !EmailAddresses.isValid(address)) {
				this.errors.add(new FieldError("email", "Invalid email format"));
			}
			this.email = address;
			return this;
		}

		Change groupIds(List<Long> value) {
			if (value.size() > MAX_GROUPS) {
				this.errors.add(new FieldError("groupIds", "at most " + MAX_GROUPS + " groups"));
			}
			this.groupIds = value;
			this.touched.add("groupIds");
			return this;
		}

		/** Adds {@code groupId} to the groups (an import's group). */
		public Change join(long groupId) {
			if (!this.groupIds.contains(groupId)) {
				List<Long> groups = new ArrayList<>(this.groupIds);
				groups.add(groupId);
				groupIds(groups);
			}
			return this;
		}

		public Change favorite(boolean value) {
			this.favorite = value;
			this.touched.add("favorite");
			return this;
		}

		/** Replaces the custom fields (a JSON object's, checked). */
		public Change customFields(java.util.Map<String, Object> value) {
			this.customFields = CustomFields.check(value, this.errors);
			this.touched.add("customFields");
			return this;
		}

		/**
		 * Records a broken rule found outside this class (a cell that does not parse).
		 */
		public Change invalid(String field, String message) {
			this.errors.add(new FieldError(field, message));
			return this;
		}

		/** Sets a custom field from CSV text. */
		public Change custom(String key, String value) {
			this.customFields = CustomFields.put(this.customFields, key, value, this.errors);
			this.touched.add("customFields");
			return this;
		}

		public Change requireName() {
			if (this.name == null && !this.touched.contains("name")) {
				this.errors.add(new FieldError("name", "is required"));
			}
			return this;
		}

		public Change requirePhone() {
			if (this.phone == null && !this.touched.contains("phone")) {
				this.errors.add(new FieldError("phone", "is required"));
			}
			return this;
		}

		/** The checked fields; a 422 naming every broken rule otherwise. */
		public ContactFields result() {
			if (!this.errors.isEmpty()) {
				throw ApiException.validation(this.errors);
			}
			return new ContactFields(this.name, this.phone, this.email, this.groupIds, this.favorite, this.customFields,
					new HashSet<>(this.touched));
		}

	}

}
