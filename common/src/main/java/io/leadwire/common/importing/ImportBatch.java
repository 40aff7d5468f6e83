package io.leadwire.common.importing;

import java.util.List;

import io.leadwire.common.context.TenantScope;

/**
 * Up to {@link CsvImportPipeline#BATCH_SIZE} validated rows of one import, each with what
 * the sink prepared for it, and what a sink needs to write them.
 *
 * @param <D> the resource's draft
 * @param <P> a row as the sink prepared it
 */
public record ImportBatch<D, P>(TenantScope scope, ImportMode mode, CsvRows<D> reading, List<ImportRow<D>> rows,
		List<P> prepared) {

	/**
	 * The row's non-empty cells written onto {@code existing} (an existing resource's
	 * draft), validated again (throws {@code ApiException} with the fields at fault).
	 */
	public D onto(D existing, ImportRow<D> row) {
		return this.reading.update(existing, row.values());
	}

}
