package io.leadwire.leads.importing;

import io.leadwire.common.context.TenantScope;

/**
 * Where validated import rows go: {@link MongoLeadSink} in the service; a counting sink
 * when the pipeline is measured alone. Each row is first prepared (work that needs no
 * database) on the validating threads, in parallel; batches are then written in order on
 * the writer thread while the next ones are read and prepared.
 *
 * @param <R> a prepared row
 */
public interface LeadSink<R> {

	/** Work on a valid row that does not depend on what earlier batches wrote. */
	R prepare(ImportRow row, TenantScope scope);

	/**
	 * Writes one batch, after every earlier batch (no two rows of a batch share a contact
	 * key in update mode).
	 */
	BatchOutcome write(ImportBatch<R> batch);

}
