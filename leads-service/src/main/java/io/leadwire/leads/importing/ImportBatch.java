package io.leadwire.leads.importing;

import java.util.List;

import io.leadwire.common.context.TenantScope;
import io.leadwire.leads.lead.Lead;
import io.leadwire.leads.lead.LeadDraft;
import io.leadwire.common.phone.PhoneNumbers;

/**
 * Up to {@link LeadImportPipeline#BATCH_SIZE} validated rows of one import, each with
 * what the sink prepared for it, and what a sink needs to write them.
 *
 * @param <R> a row as the sink prepared it
 */
public record ImportBatch<R>(TenantScope scope, ImportMode mode, LeadCsvHeader header, PhoneNumbers phones,
		List<ImportRow> rows, List<R> prepared) {

	/**
	 * The row's non-empty cells written onto {@code existing}, validated again (throws
	 * {@code ApiException} with the fields at fault).
	 */
	public LeadDraft onto(Lead existing, ImportRow row) {
		return this.header.apply(LeadDraft.of(existing), row.values(), this.phones).validate();
	}

}
