package io.leadwire.common.importing;

import io.leadwire.common.context.TenantScope;

/**
 * Where validated import rows go: the service's store, or a counting sink when the
 * pipeline is measured alone. Each row is first prepared (work that needs no database) on
 * the validating threads, in parallel; batches are then written in order on the writer
 * thread while the next ones are read and prepared.
 *
 * @param <D> the resource's draft
 * @param <P> a prepared row
 */
public interface ImportSink<D, P> {

	/** Work on a valid row that does not depend on what earlier batches wrote. */
	P prepare(ImportRow<D> row, TenantScope scope);

	/**
	 * Writes one batch, after every earlier batch (no two rows of a batch share a key in
	 * update mode).
	 */
	BatchOutcome write(ImportBatch<D, P> batch);

}
