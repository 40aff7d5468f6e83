package io.leadwire.leads.lead;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.leadwire.common.context.Environment;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.event.EventHeaders;
import tools.jackson.databind.ObjectMapper;

/**
 * Links duplicates asynchronously, from the leads' own events: a lead whose phone or
 * email an older lead of the same tenant and environment already has gets
 * {@code duplicateOf} = the oldest such lead. Every event recomputes the links of the
 * leads it touches from their current state, so a replayed or reordered event changes
 * nothing. It also hands contact keys ({@link ContactKeys}) that their holder let go to
 * the oldest lead left with them.
 */
@Component
class DuplicateLinker {

	/** At most this many leads relinked per event (a larger group is linked in parts). */
	private static final int GROUP_LIMIT = 100;

	private static final long NO_LEAD = -1;

	private final LeadStore store;

	private final ObjectMapper json;

	DuplicateLinker(LeadStore store, ObjectMapper json) {
		this.store = store;
		this.json = json;
	}

	@KafkaListener(topics = LeadEvents.TOPIC, groupId = "leads-duplicates")
	void on(ConsumerRecord<String, String> record) {
		if (EventHeaders.passOver(record, LINKED)) {
			return;
		}
		Event event = this.json.readValue(record.value(), Event.class);
		if (!LINKED.contains(event.type()) || event.payload() == null || event.tenantId() == null
				|| event.environment() == null) {
			return;
		}
		LeadEvents.Payload lead = this.json.treeToValue(event.payload(), LeadEvents.Payload.class);
		TenantScope scope = new TenantScope(event.tenantId(), event.environment());
		Map<Long, Lead> touched = new LinkedHashMap<>();
		this.store.find(scope, lead.leadId()).ifPresent((self) -> touched.put(self.id(), self));
		for (Lead other : this.store.sharingContact(scope, lead.leadId(), lead.email(), lead.phone(), GROUP_LIMIT)) {
			touched.putIfAbsent(other.id(), other);
		}
		for (Lead other : this.store.sharingContact(scope, lead.leadId(), lead.previousEmail(), lead.previousPhone(),
				GROUP_LIMIT)) {
			touched.putIfAbsent(other.id(), other);
		}
		touched.values().forEach((member) -> relink(scope, member));
		handOver(scope, lead.email(), null);
		handOver(scope, null, lead.phone());
		handOver(scope, lead.previousEmail(), null);
		handOver(scope, null, lead.previousPhone());
	}

	/**
	 * A key nobody holds (its holder changed or was deleted) goes to the oldest live lead
	 * that has it, so imports keep finding that lead.
	 */
	private void handOver(TenantScope scope, String email, String phone) {
		if (email == null && phone == null) {
			return;
		}
		String key = (email != null) ? ContactKeys.email(scope, email) : ContactKeys.phone(scope, phone);
		if (this.store.isHeld(key)) {
			return;
		}
		List<Lead> oldest = this.store.sharingContact(scope, NO_LEAD, email, phone, 1);
		if (!oldest.isEmpty()) {
			this.store.claim(scope, oldest.get(0).id(), key);
		}
	}

	private void relink(TenantScope scope, Lead lead) {
		List<Lead> oldest = this.store.sharingContact(scope, lead.id(), lead.email(), lead.phone(), 1);
		Long original = (!oldest.isEmpty() && isOlder(oldest.get(0), lead)) ? oldest.get(0).id() : null;
		if (!Objects.equals(original, lead.duplicateOf())) {
			this.store.linkDuplicate(scope, lead.id(), original);
		}
	}

	private static boolean isOlder(Lead a, Lead b) {
		int byTime = a.createdAt().compareTo(b.createdAt());
		return byTime < 0 || (byTime == 0 && a.id() < b.id());
	}

	/** Deleted leads leave once their {@code LeadDeleted} event is out. */
	@Scheduled(fixedDelayString = "${leadwire.leads.purge-interval:60s}")
	void purgeDeleted() {
		this.store.purgeDeleted();
	}

	/**
	 * The events that change which leads share an email or phone; the topic's others
	 * ({@code LeadVerified}, {@code ImportCompleted}, …) are passed over before their
	 * payload is read.
	 */
	private static final java.util.Set<String> LINKED = java.util.Set.of("LeadCreated", "LeadUpdated", "LeadDeleted");

	/**
	 * The envelope as this consumer reads it; the payload is read once the type is known.
	 */
	record Event(String eventId, String type, Long tenantId, Environment environment,
			tools.jackson.databind.JsonNode payload) {
	}

}
