package io.leadwire.contacts.contact;

import io.leadwire.common.api.RequestIds;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.event.EventEnvelope;
import io.leadwire.common.outbox.OutboxEvent;
import tools.jackson.databind.ObjectMapper;

/**
 * Facts about contacts on {@value #TOPIC} (ARCHITECTURE.md "Events"), for campaigns:
 * {@code ContactDeleted} keyed by the contact id; {@code ContactOptedOut} and
 * {@code ContactOptedIn} keyed by the phone, so a phone's opt-outs and opt-ins stay in
 * order on one partition. Only facts a consumer needs are published.
 */
public final class ContactEvents {

	public static final String TOPIC = "contacts.events";

	private ContactEvents() {
	}

	static OutboxEvent deleted(Contact contact, ObjectMapper json) {
		return event("ContactDeleted", contact.scope(), Long.toString(contact.id()),
				new Payload(contact.id(), contact.phone(), null), json);
	}

	static OutboxEvent optedOut(TenantScope scope, String phone, Long contactId, String source, ObjectMapper json) {
		return event("ContactOptedOut", scope, phone, new Payload(contactId, phone, source), json);
	}

	static OutboxEvent optedIn(TenantScope scope, String phone, Long contactId, String source, ObjectMapper json) {
		return event("ContactOptedIn", scope, phone, new Payload(contactId, phone, source), json);
	}

	private static OutboxEvent event(String type, TenantScope scope, String key, Payload payload, ObjectMapper json) {
		EventEnvelope<Payload> envelope = EventEnvelope.of(type, scope.tenantId(), scope.environment(),
				RequestIds.current(), payload);
		return OutboxEvent.of(TOPIC, key, envelope, json);
	}

	/**
	 * @param contactId the contact, when the phone belongs to one
	 * @param source who opted the phone out or in: {@code api}, or {@code inbound} (a
	 * STOP reply)
	 */
	public record Payload(Long contactId, String phone, String source) {
	}

}
