package io.leadwire.leads.importing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import io.leadwire.common.outbox.OutboxEvent;
import io.leadwire.leads.lead.ContactKeys;
import io.leadwire.leads.lead.Lead;
import io.leadwire.leads.lead.LeadDraft;
import io.leadwire.leads.lead.LeadEvents;
import io.leadwire.leads.lead.LeadStore;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes import batches to MongoDB in three round trips at most: one unordered bulk
 * insert of every row as a new lead (each with its {@code LeadCreated} event in its
 * outbox, so no dual write), which the unique contact-key index refuses for rows an
 * existing lead matches; one indexed lookup of those rows' keys; and in update mode one
 * unordered bulk update of the matched leads (each with its {@code LeadUpdated}).
 */
public final class MongoLeadSink implements ImportSink<LeadDraft, LeadStore.NewLead> {

	private final LeadStore store;

	private final IdAllocator ids;

	private final ObjectMapper json;

	public MongoLeadSink(LeadStore store, IdAllocator ids, ObjectMapper json) {
		this.store = store;
		this.ids = ids;
		this.json = json;
	}

	/**
	 * Builds and encodes every row's new lead (with its {@code LeadCreated} event and all
	 * its contact keys) ahead of time; rows that turn out to match an existing lead leave
	 * theirs unused.
	 */
	@Override
	public LeadStore.NewLead prepare(ImportRow<LeadDraft> row, TenantScope scope) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Lead lead = row.draft().toLead(this.ids.next(), scope, null, now, now);
		return this.store
			.prepareInsert(lead.withContactKeys(row.keys()).withEvent(LeadEvents.created(lead, this.json)));
	}

	/**
	 * Inserts every row as a new lead first: the unique contact-key index refuses those
	 * whose phone or email a lead already holds, so a batch of new leads costs one write
	 * and no lookup. Only refused rows are looked up, then skipped, or written onto the
	 * lead they match in update mode.
	 */
	@Override
	public BatchOutcome write(ImportBatch<LeadDraft, LeadStore.NewLead> batch) {
		List<Integer> refused = this.store.insertAllClaiming(batch.prepared());
		if (refused.isEmpty()) {
			return BatchOutcome.allCreated(batch.rows().size());
		}
		Set<String> keys = new HashSet<>();
		refused.forEach((index) -> keys.addAll(batch.rows().get(index).keys()));
		Map<String, Lead> holders = new HashMap<>();
		for (Lead holder : this.store.holding(batch.scope(), keys)) {
			for (String key : holder.contactKeys()) {
				holders.put(key, holder);
			}
		}
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		int created = batch.rows().size() - refused.size();
		List<SkippedRow> skipped = new ArrayList<>();
		int updatedRows = 0;
		Map<Long, Lead> before = new LinkedHashMap<>();
		Map<Long, Lead> after = new LinkedHashMap<>();
		List<RowError> errors = new ArrayList<>();
		for (int index : refused) {
			ImportRow<LeadDraft> row = batch.rows().get(index);
			Lead match = matchOf(row, holders);
			if (match == null) {
				// Its key's holder let it go meanwhile: a new lead after all, with the
				// free keys.
				this.store.insert(batch.prepared().get(index).lead());
				created++;
			}
			else if (batch.mode() == ImportMode.SKIP) {
				skipped.add(new SkippedRow(row.row(), "a lead with this phone or email already exists"));
			}
			else {
				before.putIfAbsent(match.id(), match);
				Lead current = after.getOrDefault(match.id(), match);
				try {
					Lead updated = batch.onto(LeadDraft.of(current), row)
						.toLead(match.id(), batch.scope(), match.duplicateOf(), match.createdAt(), now);
					after.put(match.id(), updated.withContactKeys(claimable(updated, match, keys, holders)));
					updatedRows++;
				}
				catch (ApiException ex) {
					errors.add(new RowError(row.row(), CsvImportPipeline.describe(ex)));
				}
			}
		}
		List<Lead> updates = new ArrayList<>(after.values());
		List<OutboxEvent> events = new ArrayList<>(updates.size());
		for (Lead updated : updates) {
			events.add(LeadEvents.updated(updated, before.get(updated.id()), this.json));
		}
		this.store.updateAll(updates, events);
		return new BatchOutcome(created, updatedRows, skipped, errors);
	}

	/** The lead the row's phone finds, else the one its email finds, else none. */
	private static Lead matchOf(ImportRow<LeadDraft> row, Map<String, Lead> holders) {
		for (String key : row.keys()) {
			Lead holder = holders.get(key);
			if (holder != null) {
				return holder;
			}
		}
		return null;
	}

	/**
	 * The updated lead's keys it may hold: those it held already and those the lookup
	 * found free. Any other stays with its holder (or is handed over later by the
	 * duplicate linker).
	 */
	private static List<String> claimable(Lead updated, Lead original, Set<String> lookedUp,
			Map<String, Lead> holders) {
		Set<String> held = (original.contactKeys() != null) ? Set.copyOf(original.contactKeys()) : Set.of();
		List<String> keys = new ArrayList<>(2);
		for (String key : ContactKeys.of(updated.scope(), updated.email(), updated.phone())) {
			if (held.contains(key) || (lookedUp.contains(key) && !holders.containsKey(key))) {
				keys.add(key);
			}
		}
		return keys;
	}

}
