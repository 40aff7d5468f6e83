package io.leadwire.common.importing;

/**
 * Why one row was not imported; {@code row} 1 is the first data row after the header.
 */
public record RowError(long row, String message) {
}
