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
import io.leadwire.common.id.IdAllocator;
import io.leadwire.common.outbox.OutboxEvent;
import io.leadwire.leads.lead.ContactKeys;
import io.leadwire.leads.lead.Lead;
import io.leadwire.leads.lead.LeadEvents;
import io.leadwire.leads.lead.LeadStore;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes import batches to MongoDB in three round trips at most: one indexed lookup of
 * every row's contact keys, one unordered bulk insert of the new leads (each with its
 * {@code LeadCreated} event in its outbox, so no dual write), and in update mode one
 * unordered bulk update of the matched leads (each with its {@code LeadUpdated}).
 */
public final class MongoLeadSink implements LeadSink<MongoLeadSink.Prepared> {

	private final LeadStore store;

	private final IdAllocator ids;

	private final ObjectMapper json;

	public MongoLeadSink(LeadStore store, IdAllocator ids, ObjectMapper json) {
		this.store = store;
		this.ids = ids;
		this.json = json;
	}

	/**
	 * Builds and converts every row's new lead (with its {@code LeadCreated} event) ahead
	 * of time; rows that turn out to match an existing lead just leave theirs unused.
	 */
	@Override
	public Prepared prepare(ImportBatch batch) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		List<LeadStore.NewLead> created = new ArrayList<>(batch.rows().size());
		for (ImportRow row : batch.rows()) {
			Lead lead = row.draft().toLead(this.ids.next(), batch.scope(), null, now, now);
			// Written only if no lead holds any of the row's keys, so it claims them all.
			created.add(this.store
				.prepareInsert(lead.withContactKeys(row.keys()).withEvent(LeadEvents.created(lead, this.json))));
		}
		return new Prepared(batch, created);
	}

	@Override
	public BatchOutcome write(Prepared prepared) {
		ImportBatch batch = prepared.batch();
		Set<String> keys = new HashSet<>();
		batch.rows().forEach((row) -> keys.addAll(row.keys()));
		Map<String, Lead> holders = new HashMap<>();
		for (Lead holder : this.store.holding(batch.scope(), keys)) {
			for (String key : holder.contactKeys()) {
				holders.put(key, holder);
			}
		}
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		List<LeadStore.NewLead> created = new ArrayList<>();
		Map<Long, Lead> before = new LinkedHashMap<>();
		Map<Long, Lead> after = new LinkedHashMap<>();
		List<RowError> errors = new ArrayList<>();
		int skipped = 0;
		for (int i = 0; i < batch.rows().size(); i++) {
			ImportRow row = batch.rows().get(i);
			Lead match = matchOf(row, holders);
			if (match == null) {
				created.add(prepared.created().get(i));
			}
			else if (batch.mode() == ImportMode.SKIP) {
				skipped++;
			}
			else {
				before.putIfAbsent(match.id(), match);
				Lead current = after.getOrDefault(match.id(), match);
				try {
					Lead updated = batch.onto(current, row)
						.toLead(match.id(), batch.scope(), match.duplicateOf(), match.createdAt(), now);
					after.put(match.id(), updated.withContactKeys(claimable(updated, match, keys, holders)));
				}
				catch (ApiException ex) {
					errors.add(new RowError(row.row(), LeadImportPipeline.describe(ex)));
				}
			}
		}
		this.store.insertAll(created);
		List<Lead> updates = new ArrayList<>(after.values());
		List<OutboxEvent> events = new ArrayList<>(updates.size());
		for (Lead updated : updates) {
			events.add(LeadEvents.updated(updated, before.get(updated.id()), this.json));
		}
		this.store.updateAll(updates, events);
		int updatedRows = batch.rows().size() - created.size() - skipped - errors.size();
		return new BatchOutcome(created.size(), updatedRows, skipped, errors);
	}

	/** The lead the row's phone finds, else the one its email finds, else none. */
	private static Lead matchOf(ImportRow row, Map<String, Lead> holders) {
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

	/** A batch with its rows' new leads built and converted. */
	public record Prepared(ImportBatch batch, List<LeadStore.NewLead> created) {
	}

}
