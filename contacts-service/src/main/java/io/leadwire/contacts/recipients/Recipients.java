package io.leadwire.contacts.recipients;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.phone.InvalidPhoneNumberException;
import io.leadwire.common.phone.PhoneNumbers;
import io.leadwire.contacts.contact.Contact;
import io.leadwire.contacts.contact.ContactStore;
import io.leadwire.contacts.contact.GroupStore;
import io.leadwire.contacts.contact.PhoneKeys;
import io.leadwire.contacts.contact.Suppressions;

/**
 * Turns a campaign's audience into recipients, a page at a time (the contract is in
 * docs/contacts-recipients.md). First the selection — the live contacts in any of the
 * groups or among the ids, by ascending id — then the raw phones in the order given.
 * Contacts never repeat (a phone is one contact); a raw phone is a duplicate when the
 * selection has it or an earlier phone of the list is the same number. Every phone is
 * checked against the tenant's suppression list. No page holds more than
 * {@value #MAX_LIMIT} recipients, however large the audience.
 */
@Service
class Recipients {

	static final int MAX_PHONES = 10_000;

	static final int MAX_GROUPS = 100;

	static final int MAX_CONTACT_IDS = 10_000;

	static final int MAX_LIMIT = 5_000;

	static final int DEFAULT_LIMIT = 1_000;

	private final MongoOperations mongo;

	private final GroupStore groups;

	private final Suppressions suppressions;

	private final PhoneNumbers phones;

	Recipients(MongoOperations mongo, GroupStore groups, Suppressions suppressions, PhoneNumbers phones) {
		this.mongo = mongo;
		this.groups = groups;
		this.suppressions = suppressions;
		this.phones = phones;
	}

	/** One page of recipients, and the cursor of the next (null after the last). */
	RecipientPage resolve(TenantScope scope, RecipientQuery query) {
		checkBounds(scope, query);
		int limit = (query.limit() == null) ? DEFAULT_LIMIT : query.limit();
		if (limit < 1 || limit > MAX_LIMIT) {
			throw ApiException.validation("limit", "between 1 and " + MAX_LIMIT);
		}
		Cursor cursor = Cursor.parse(query.cursor());
		List<Recipient> page = new ArrayList<>(Math.min(limit, 1024));
		if (cursor.inSelection() && query.hasSelection()) {
			List<Contact> contacts = this.mongo.find(Query.query(selection(scope, query).and("_id").gt(cursor.after()))
				.with(Sort.by("_id"))
				.limit(limit + 1), Contact.class);
			boolean more = contacts.size() > limit;
			List<Contact> taken = more ? contacts.subList(0, limit) : contacts;
			Set<String> out = this.suppressions.optedOut(taken.stream().map(Contact::phoneKey).toList());
			for (Contact contact : taken) {
				page.add(new Recipient(contact.id(), contact.phone(), contact.name(), contact.customFields(),
						out.contains(contact.phoneKey()), false, "contact", null, null));
			}
			if (more) {
				return new RecipientPage(page, Cursor.selection(taken.get(taken.size() - 1).id()));
			}
			cursor = Cursor.phones(0);
		}
		int from = cursor.inSelection() ? 0 : cursor.index();
		List<String> raw = query.rawPhones();
		int to = Math.min(raw.size(), from + limit - page.size());
		if (from < to) {
			page.addAll(phones(scope, query, from, to));
		}
		return new RecipientPage(page, (to < raw.size()) ? Cursor.phones(to).text() : null);
	}

	/** The preview's counts (docs/api.md §6), over the whole audience. */
	RecipientCounts count(TenantScope scope, RecipientQuery query) {
		checkBounds(scope, query);
		long contacts = 0;
		long optedOut = 0;
		if (query.hasSelection()) {
			contacts = this.mongo.count(Query.query(selection(scope, query)), Contact.class);
			optedOut = this.mongo.count(Query.query(selection(scope, query).and("optedOut").is(true)), Contact.class);
		}
		long phonesTotal = 0;
		long duplicates = 0;
		long invalid = 0;
		List<String> raw = query.rawPhones();
		for (int from = 0; from < raw.size(); from += 1000) {
			for (Recipient recipient : phones(scope, query, from, Math.min(raw.size(), from + 1000))) {
				if (recipient.phone() == null) {
					invalid++;
					continue;
				}
				phonesTotal++;
				if (recipient.duplicate()) {
					duplicates++;
				}
				else if (recipient.optedOut()) {
					optedOut++;
				}
			}
		}
		long total = contacts + phonesTotal;
		return new RecipientCounts(total, optedOut, duplicates, invalid, total - optedOut - duplicates);
	}

	/**
	 * Raw phones {@code [from, to)} of the list, each normalised, flagged against the
	 * phones before it, the selection and the suppression list, and personalised from the
	 * contact that has it.
	 */
	private List<Recipient> phones(TenantScope scope, RecipientQuery query, int from, int to) {
		List<String> raw = query.rawPhones();
		Set<String> earlier = new HashSet<>();
		for (int i = 0; i < from; i++) {
			String phone = e164(raw.get(i), query.region());
			if (phone != null) {
				earlier.add(phone);
			}
		}
		List<String> normalised = new ArrayList<>(to - from);
		List<String> errors = new ArrayList<>(to - from);
		Set<String> keys = new HashSet<>();
		for (int i = from; i < to; i++) {
			try {
				String phone = this.phones.inRegion(query.region(), "region").toE164(raw.get(i));
				normalised.add(phone);
				errors.add(null);
				keys.add(PhoneKeys.of(scope, phone));
			}
			catch (InvalidPhoneNumberException ex) {
				normalised.add(null);
				errors.add(ex.getMessage());
			}
		}
		Map<String, Contact> holders = new HashMap<>();
		Set<String> inSelection = new HashSet<>();
		if (!keys.isEmpty()) {
			for (Contact holder : this.mongo.find(Query.query(ContactStore.scoped(scope).and("phoneKey").in(keys)),
					Contact.class)) {
				holders.put(holder.phone(), holder);
				if (inSelection(holder, query)) {
					inSelection.add(holder.phone());
				}
			}
		}
		Set<String> out = this.suppressions.optedOut(keys);
		List<Recipient> recipients = new ArrayList<>(to - from);
		for (int i = 0; i < normalised.size(); i++) {
			String phone = normalised.get(i);
			String input = raw.get(from + i);
			if (phone == null) {
				recipients.add(new Recipient(null, null, null, null, false, false, "phone", input, errors.get(i)));
				continue;
			}
			boolean duplicate = !earlier.add(phone) || inSelection.contains(phone);
			Contact holder = holders.get(phone);
			recipients.add(new Recipient((holder != null) ? holder.id() : null, phone,
					(holder != null) ? holder.name() : null, (holder != null) ? holder.customFields() : null,
					out.contains(PhoneKeys.of(scope, phone)), duplicate, "phone", input, null));
		}
		return recipients;
	}

	private String e164(String raw, String region) {
		try {
			return this.phones.inRegion(region, "region").toE164(raw);
		}
		catch (InvalidPhoneNumberException ex) {
			return null;
		}
	}

	private static boolean inSelection(Contact contact, RecipientQuery query) {
		if (query.contacts().contains(contact.id())) {
			return true;
		}
		if (contact.groupIds() != null) {
			for (Long group : contact.groupIds()) {
				if (query.groups().contains(group)) {
					return true;
				}
			}
		}
		return false;
	}

	private static Criteria selection(TenantScope scope, RecipientQuery query) {
		List<Criteria> any = new ArrayList<>(2);
		if (!query.groups().isEmpty()) {
			any.add(Criteria.where("groupIds").in(query.groups()));
		}
		if (!query.contacts().isEmpty()) {
			any.add(Criteria.where("_id").in(query.contacts()));
		}
		return ContactStore.scoped(scope).orOperator(any);
	}

	/**
	 * Bounds, and the groups must be the tenant's (404, as for any other tenant's id);
	 * contact ids that are not the tenant's simply select nobody.
	 */
	private void checkBounds(TenantScope scope, RecipientQuery query) {
		if (query.groups().size() > MAX_GROUPS) {
			throw ApiException.validation("groupIds", "at most " + MAX_GROUPS);
		}
		if (query.contacts().size() > MAX_CONTACT_IDS) {
			throw ApiException.validation("contactIds", "at most " + MAX_CONTACT_IDS);
		}
		if (query.rawPhones().size() > MAX_PHONES) {
			throw ApiException.validation("phones", "at most " + MAX_PHONES + " per call: send the rest in another");
		}
		this.groups.requireAll(scope, query.groups());
	}

	/** Where a resolution stands: in the selection after a contact id, or at a phone. */
	record Cursor(boolean inSelection, long after, int index) {

		static Cursor parse(String text) {
			if (text == null || text.isBlank()) {
				return new Cursor(true, 0, 0);
			}
			try {
				if (text.startsWith("c:")) {
					return new Cursor(true, Long.parseLong(text.substring(2)), 0);
				}
				if (text.startsWith("p:")) {
					int index = Integer.parseInt(text.substring(2));
					if (index >= 0) {
						return new Cursor(false, 0, index);
					}
				}
			}
			catch (NumberFormatException ex) {
				// Refused below.
			}
			throw ApiException.validation("cursor", "is not a cursor this resolution gave");
		}

		static String selection(long after) {
			return "c:" + after;
		}

		static Cursor phones(int index) {
			return new Cursor(false, 0, index);
		}

		String text() {
			return "p:" + this.index;
		}

	}

}
