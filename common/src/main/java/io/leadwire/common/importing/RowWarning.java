package io.leadwire.common.importing;

/**
 * A row that was imported without one of its cells: {@code field} could not be used (an
 * email that is not an address, say) and was left out, and the rest of the row was kept.
 * {@code row} 1 is the first data row.
 */
public record RowWarning(long row, String field, String message) {
}
