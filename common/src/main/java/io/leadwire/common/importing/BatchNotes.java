package io.leadwire.common.importing;

import java.util.List;

/**
 * What one written batch has to say about its rows, besides the counts: the rows that
 * failed, the rows skipped and the rows imported without a field, each in row order.
 */
public record BatchNotes(List<RowError> errors, List<SkippedRow> skipped, List<RowWarning> warnings) {

	public static final BatchNotes NONE = new BatchNotes(List.of(), List.of(), List.of());

}
