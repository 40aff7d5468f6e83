package io.leadwire.common.importing;

/**
 * A row an import left alone in skip mode, and why: it repeats an earlier row of the
 * file, or a resource it describes already exists. {@code row} 1 is the first data row.
 */
public record SkippedRow(long row, String reason) {
}
