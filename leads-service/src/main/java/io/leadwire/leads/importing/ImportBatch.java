package io.leadwire.leads.importing;

import java.util.List;

import io.leadwire.common.context.TenantScope;
import io.leadwire.leads.lead.Lead;
import io.leadwire.leads.lead.LeadDraft;
import io.leadwire.leads.lead.PhoneNumbers;

/**
 * Up to {@link LeadImportPipeline#BATCH_SIZE} validated rows of one import, with what a
 * sink needs to write them.
 */
public record ImportBatch(TenantScope scope, ImportMode mode, LeadCsvHeader header, PhoneNumbers phones,
		List<ImportRow> rows) {

	/**
	 * The row's non-empty cells written onto {@code existing}, validated again (throws
	 * {@code ApiException} with the fields at fault).
	 */
	public LeadDraft onto(Lead existing, ImportRow row) {
		return this.header.apply(LeadDraft.of(existing), row.values(), this.phones).validate();
	}

}
