package io.leadwire.leads.lead;

import java.time.Instant;

import io.leadwire.common.api.RequestIds;
import io.leadwire.common.event.EventEnvelope;
import io.leadwire.common.outbox.OutboxEvent;
import tools.jackson.databind.ObjectMapper;

/**
 * Facts about leads on {@code leads.events}, keyed by the lead id. They carry what
 * consumers match on (email, phone) and, for an update, the values before it, so that the
 * duplicates of the old values can be linked again.
 */
public final class LeadEvents {

	public static final String TOPIC = "leads.events";

	private LeadEvents() {
	}

	public static OutboxEvent created(Lead lead, ObjectMapper json) {
		return event("LeadCreated", lead, null, json);
	}

	public static OutboxEvent updated(Lead lead, Lead before, ObjectMapper json) {
		return event("LeadUpdated", lead, before, json);
	}

	static OutboxEvent deleted(Lead lead, ObjectMapper json) {
		return event("LeadDeleted", lead, null, json);
	}

	/**
	 * {@code LeadVerified}: a verification batch checked the lead's website (tenants'
	 * webhooks: {@code lead.verified}), whether or not its status changed.
	 */
	public static OutboxEvent verified(Lead lead, long batchId, LeadEnums.WebsiteStatus status, Instant at,
			ObjectMapper json) {
		EventEnvelope<Verified> envelope = EventEnvelope.of("LeadVerified", lead.tenantId(), lead.environment(),
				RequestIds.current(), new Verified(lead.id(), batchId, lead.website(), status, at));
		return OutboxEvent.of(TOPIC, Long.toString(lead.id()), envelope, json);
	}

	/** {@code LeadVerified}'s payload. */
	public record Verified(long leadId, long batchId, String website, LeadEnums.WebsiteStatus websiteStatus,
			Instant checkedAt) {
	}

	private static OutboxEvent event(String type, Lead lead, Lead before, ObjectMapper json) {
		Payload payload = new Payload(lead.id(), lead.email(), lead.phone(), lead.status(),
				(before != null) ? before.email() : null, (before != null) ? before.phone() : null);
		EventEnvelope<Payload> envelope = EventEnvelope.of(type, lead.tenantId(), lead.environment(),
				RequestIds.current(), payload);
		return OutboxEvent.of(TOPIC, Long.toString(lead.id()), envelope, json);
	}

	/**
	 * @param previousEmail for {@code LeadUpdated}: the email before the change
	 * @param previousPhone for {@code LeadUpdated}: the phone before the change
	 */
	public record Payload(long leadId, String email, String phone, LeadEnums.Status status, String previousEmail,
			String previousPhone) {
	}

}
