package io.leadwire.contacts.contact;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ETags;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.id.IdAllocator;
import io.leadwire.common.outbox.OutboxEvent;
import io.leadwire.common.outbox.OutboxRelay;
import io.leadwire.common.phone.PhoneNumbers;
import tools.jackson.databind.ObjectMapper;

/**
 * What can be done to contacts (docs/api.md §4), for the canonical routes and the older
 * RPC forms alike: every operation is scoped by the caller's tenant and environment, so
 * another tenant's contact is "not found" and never touched.
 */
@Service
public class Contacts {

	/** Most ids a bulk operation takes. */
	public static final int MAX_BULK = 1000;

	private final ContactStore store;

	private final GroupStore groups;

	private final Suppressions suppressions;

	private final PhoneNumbers phones;

	private final IdAllocator ids;

	private final ObjectMapper json;

	private final ObjectProvider<OutboxRelay> relay;

	Contacts(ContactStore store, GroupStore groups, Suppressions suppressions, PhoneNumbers phones, IdAllocator ids,
			ObjectMapper json, ObjectProvider<OutboxRelay> relay) {
		this.relay = relay;
		this.store = store;
		this.groups = groups;
		this.suppressions = suppressions;
		this.phones = phones;
		this.ids = ids;
		this.json = json;
	}

	Contact create(TenantScope scope, ContactRequest body) {
		ContactFields fields = ContactRules.forCreate(body, this.phones);
		this.groups.requireAll(scope, fields.groupIds());
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		return this.store.insert(new Contact(this.ids.next(), scope.tenantId(), scope.environment(), fields.name(),
				fields.phone(), PhoneKeys.of(scope, fields.phone()), fields.email(), fields.groupIds(),
				fields.favorite(), this.suppressions.isOptedOut(scope, fields.phone()), fields.customFields(), now, now,
				null, null, 0));
	}

	Contact get(TenantScope scope, long id) {
		return this.store.find(scope, id).orElseThrow(Contacts::notFound);
	}

	/**
	 * Writes the fields sent (PUT and PATCH alike, docs/api.md §1); with
	 * {@code expectedVersion} from {@code If-Match}, only onto that version (412
	 * otherwise).
	 */
	Contact update(TenantScope scope, long id, ContactRequest body, Long expectedVersion) {
		Contact current = get(scope, id);
		if (expectedVersion != null && current.version() != expectedVersion) {
			throw ETags.stale();
		}
		ContactFields fields = ContactRules.forUpdate(current, body, this.phones);
		if (fields.touched().contains("groupIds")) {
			this.groups.requireAll(scope, fields.groupIds());
		}
		boolean optedOut = fields.touched().contains("phone") ? this.suppressions.isOptedOut(scope, fields.phone())
				: current.optedOut();
		ContactStore.Written written = this.store.update(scope, id, fields, optedOut, expectedVersion);
		if (written.stale()) {
			throw ETags.stale();
		}
		if (written.contact() == null) {
			throw notFound();
		}
		return written.contact();
	}

	void delete(TenantScope scope, long id, Long expectedVersion) {
		Contact contact = get(scope, id);
		if (!this.store.delete(scope, id, ContactEvents.deleted(contact, this.json), expectedVersion)) {
			throw (expectedVersion != null && this.store.find(scope, id).isPresent()) ? ETags.stale() : notFound();
		}
		eventQueued();
	}

	Contact toggleFavorite(TenantScope scope, long id) {
		Contact toggled = this.store.toggleFavorite(scope, id);
		if (toggled == null) {
			throw notFound();
		}
		return toggled;
	}

	/** Deletes the scope's contacts among {@code ids}; the others are reported. */
	BulkDeleted bulkDelete(TenantScope scope, List<Long> contactIds) {
		Set<Long> wanted = bulkIds(contactIds, "ids");
		List<Contact> found = this.store.findAll(scope, wanted);
		List<OutboxEvent> events = new ArrayList<>(found.size());
		found.forEach((contact) -> events.add(ContactEvents.deleted(contact, this.json)));
		this.store.deleteAll(scope, found, events);
		eventQueued();
		return new BulkDeleted(found.size(), notFound(wanted, found));
	}

	/**
	 * Adds the scope's contacts among {@code contactIds} to the group (which must be the
	 * scope's); the others are reported.
	 */
	BulkAssigned assignGroup(TenantScope scope, List<Long> contactIds, Long groupId) {
		if (groupId == null) {
			throw ApiException.validation("groupId", "is required");
		}
		Set<Long> wanted = bulkIds(contactIds, "contactIds");
		this.groups.require(scope, groupId);
		List<Contact> found = this.store.findAll(scope, wanted);
		this.store.assignGroup(scope, ContactStore.ids(found), groupId);
		return new BulkAssigned(found.size(), groupId, notFound(wanted, found));
	}

	/** Puts the contact's phone on the tenant's suppression list. */
	Contact optOut(TenantScope scope, long id, String reason) {
		return setOptedOut(scope, id, true, reason);
	}

	/** Takes the contact's phone off the tenant's suppression list. */
	Contact optIn(TenantScope scope, long id) {
		return setOptedOut(scope, id, false, null);
	}

	private Contact setOptedOut(TenantScope scope, long id, boolean optedOut, String reason) {
		Contact contact = get(scope, id);
		if (this.suppressions.set(scope, contact.phone(), optedOut, contact.id(), "api", reason)) {
			eventQueued();
		}
		this.store.setOptedOut(PhoneKeys.of(scope, contact.phone()), optedOut);
		return get(scope, id);
	}

	/**
	 * A phone opted out from outside (an inbound STOP): on the list once per event, and
	 * the contact holding it marked (again on a redelivery, in case the first delivery
	 * stopped between the two writes).
	 */
	public void optOutFromInbound(TenantScope scope, String phone, String eventId, String reason) {
		if (this.suppressions.optOutOnce(scope, phone, eventId, reason)) {
			eventQueued();
		}
		this.store.setOptedOut(PhoneKeys.of(scope, phone), true);
	}

	/** An event waits in an outbox: the relay runs soon, even after an idle spell. */
	private void eventQueued() {
		this.relay.ifAvailable(OutboxRelay::nudge);
	}

	/** Deleted contacts leave once their {@code ContactDeleted} event is out. */
	@Scheduled(fixedDelayString = "${leadwire.contacts.purge-interval:60s}")
	void purgeDeleted() {
		this.store.purgeDeleted();
	}

	private static Set<Long> bulkIds(List<Long> ids, String field) {
		if (ids == null || ids.isEmpty()) {
			throw ApiException.validation(field, "is required: 1 to " + MAX_BULK + " contact ids");
		}
		if (ids.size() > MAX_BULK) {
			throw ApiException.validation(field,
					"at most " + MAX_BULK + " ids per request; this one has " + ids.size());
		}
		Set<Long> wanted = new LinkedHashSet<>(ids);
		wanted.remove(null);
		return wanted;
	}

	private static List<Long> notFound(Set<Long> wanted, List<Contact> found) {
		Set<Long> missing = new LinkedHashSet<>(wanted);
		found.forEach((contact) -> missing.remove(contact.id()));
		return List.copyOf(missing);
	}

	static ApiException notFound() {
		return new ApiException(404, "not_found", "Contact not found");
	}

	/** What a bulk delete did: the ids not found were not this tenant's (or gone). */
	record BulkDeleted(int deleted, List<Long> notFoundIds) {
	}

	/** What a bulk group assignment did. */
	record BulkAssigned(int assigned, long groupId, List<Long> notFoundIds) {
	}

}
