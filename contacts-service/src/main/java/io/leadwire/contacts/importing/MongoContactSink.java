package io.leadwire.contacts.importing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.id.IdAllocator;
import io.leadwire.common.importing.BatchOutcome;
import io.leadwire.common.importing.CsvImportPipeline;
import io.leadwire.common.importing.ImportBatch;
import io.leadwire.common.importing.ImportMode;
import io.leadwire.common.importing.ImportRow;
import io.leadwire.common.importing.ImportSink;
import io.leadwire.common.importing.RowError;
import io.leadwire.common.importing.SkippedRow;
import io.leadwire.contacts.contact.Contact;
import io.leadwire.contacts.contact.ContactFields;
import io.leadwire.contacts.contact.ContactStore;
import io.leadwire.contacts.contact.Suppressions;

/**
 * Writes contacts import batches in a few round trips: one lookup of the batch's phones
 * on the suppression list (so a re-imported phone stays opted out), one unordered bulk
 * insert of every row as a new contact, which the unique phone index refuses for rows a
 * contact already has; then one lookup of those, and in update mode one bulk update of
 * their fields. A row matching an existing contact still joins the import's group in skip
 * mode (it is skipped as a change of fields, not as a member).
 */
final class MongoContactSink implements ImportSink<ContactFields, Document> {

	private final ContactStore store;

	private final Suppressions suppressions;

	private final IdAllocator ids;

	MongoContactSink(ContactStore store, Suppressions suppressions, IdAllocator ids) {
		this.store = store;
		this.suppressions = suppressions;
		this.ids = ids;
	}

	@Override
	public Document prepare(ImportRow<ContactFields> row, TenantScope scope) {
		ContactFields fields = row.draft();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		return this.store.toDocument(new Contact(this.ids.next(), scope.tenantId(), scope.environment(), fields.name(),
				fields.phone(), row.keys().get(0), fields.email(), fields.groupIds(), fields.favorite(), false,
				fields.customFields(), now, now, null, null, 0));
	}

	@Override
	public BatchOutcome write(ImportBatch<ContactFields, Document> batch) {
		List<String> keys = new ArrayList<>(batch.rows().size());
		batch.rows().forEach((row) -> keys.add(row.keys().get(0)));
		Set<String> optedOut = this.suppressions.optedOut(keys);
		for (int i = 0; i < keys.size(); i++) {
			if (optedOut.contains(keys.get(i))) {
				batch.prepared().get(i).put("optedOut", true);
			}
		}
		List<Integer> refused = this.store.insertAll(batch.prepared());
		if (refused.isEmpty()) {
			return BatchOutcome.allCreated(batch.rows().size());
		}
		List<String> refusedKeys = new ArrayList<>(refused.size());
		refused.forEach((index) -> refusedKeys.add(keys.get(index)));
		Map<String, Contact> holders = new HashMap<>();
		for (Contact holder : this.store.holding(refusedKeys)) {
			holders.put(holder.phoneKey(), holder);
		}
		int created = batch.rows().size() - refused.size();
		List<SkippedRow> skipped = new ArrayList<>();
		List<RowError> errors = new ArrayList<>();
		Map<Long, ContactFields> updates = new LinkedHashMap<>();
		List<Long> joining = new ArrayList<>();
		List<Long> groups = List.of();
		for (int index : refused) {
			ImportRow<ContactFields> row = batch.rows().get(index);
			Contact holder = holders.get(keys.get(index));
			if (holder == null) {
				// Its holder was deleted meanwhile: a new contact after all.
				if (this.store.insertAll(List.of(batch.prepared().get(index))).isEmpty()) {
					created++;
				}
				else {
					errors.add(new RowError(row.row(), "phone: a contact with this phone was created meanwhile"));
				}
			}
			else if (batch.mode() == ImportMode.SKIP) {
				if (row.draft().groupIds().isEmpty()) {
					skipped.add(new SkippedRow(row.row(), "a contact with this phone already exists"));
				}
				else {
					// Every row of an import joins the same group: the import's.
					skipped.add(new SkippedRow(row.row(),
							"a contact with this phone already exists: it joined the group and kept its fields"));
					joining.add(holder.id());
					groups = row.draft().groupIds();
				}
			}
			else {
				try {
					updates.put(holder.id(), batch.onto(ContactFields.of(holder), row));
				}
				catch (ApiException ex) {
					errors.add(new RowError(row.row(), CsvImportPipeline.describe(ex)));
				}
			}
		}
		this.store.updateAll(batch.scope(), new ArrayList<>(updates.keySet()), new ArrayList<>(updates.values()));
		this.store.joinGroups(batch.scope(), joining, groups);
		return new BatchOutcome(created, updates.size(), skipped, errors);
	}

}
