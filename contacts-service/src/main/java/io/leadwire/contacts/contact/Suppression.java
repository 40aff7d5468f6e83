package io.leadwire.contacts.contact;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

import io.leadwire.common.context.Environment;
import io.leadwire.common.outbox.OutboxEvent;

/**
 * One phone on a tenant's suppression list, keyed by its {@link PhoneKeys phone key}:
 * kept whether or not a contact has the phone, so an opt-out survives the contact's
 * deletion and re-import and applies to every recipient source. Opting in again sets
 * {@code optedOut} false (the document stays, as the phone's history and the carrier of
 * its events' outbox).
 *
 * @param source who set the current state: {@code api} or {@code inbound} (a STOP reply)
 */
@Document(Suppressions.COLLECTION)
@CompoundIndexes({ @CompoundIndex(name = "scope_opted_out",
		def = "{'tenantId': 1, 'environment': 1, 'optedOut': 1, 'phone': 1}") })
public record Suppression(@Id String id, long tenantId, Environment environment, String phone, boolean optedOut,
		String source, String reason, Instant updatedAt, List<OutboxEvent> outbox) {
}
