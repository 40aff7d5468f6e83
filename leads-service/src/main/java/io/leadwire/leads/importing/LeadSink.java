package io.leadwire.leads.importing;

/**
 * Where validated import rows go: {@link MongoLeadSink} in the service; a counting sink
 * when the pipeline is measured alone. A batch is first prepared on the reading thread
 * (work that needs no database), then written on the writer thread while the next batch
 * is read and prepared.
 *
 * @param <P> a prepared batch
 */
public interface LeadSink<P> {

	/** Work on a batch that does not depend on what earlier batches wrote. */
	P prepare(ImportBatch batch);

	/**
	 * Writes one batch, after every earlier batch (no two rows of a batch share a contact
	 * key in update mode).
	 */
	BatchOutcome write(P prepared);

}
