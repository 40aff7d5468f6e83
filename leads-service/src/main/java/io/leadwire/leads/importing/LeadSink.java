package io.leadwire.leads.importing;

/**
 * Where validated import rows go: {@link MongoLeadSink} in the service; a counting sink
 * when the pipeline is measured alone.
 */
@FunctionalInterface
public interface LeadSink {

	/** Writes one batch (no two rows of which share a contact key in update mode). */
	BatchOutcome write(ImportBatch batch);

}
