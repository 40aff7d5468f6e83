package io.leadwire.common.importing;

import java.util.List;

/**
 * What became of a batch's rows: how many were created and updated, which were skipped
 * and which failed.
 */
public record BatchOutcome(int created, int updated, List<SkippedRow> skipped, List<RowError> errors) {

	public static BatchOutcome allCreated(int rows) {
		return new BatchOutcome(rows, 0, List.of(), List.of());
	}

}
