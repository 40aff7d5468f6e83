package io.leadwire.common.importing;

import java.util.List;

/**
 * What became of a batch's rows.
 */
public record BatchOutcome(int created, int updated, int skipped, List<RowError> errors) {

	public static BatchOutcome allCreated(int rows) {
		return new BatchOutcome(rows, 0, 0, List.of());
	}

}
