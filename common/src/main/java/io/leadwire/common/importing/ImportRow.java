package io.leadwire.common.importing;

import java.util.List;

/**
 * A data row that passed validation: its cells, the draft they describe and its identity
 * keys.
 *
 * @param row 1 for the first data row after the header
 * @param values the row's cells, to apply again onto an existing resource in update mode
 * @param draft the validated draft the row creates
 * @param keys the row's identity keys (at least one)
 * @param warnings the row's cells that were left out as unusable (the rest was kept)
 * @param <D> the resource's draft
 */
public record ImportRow<D>(long row, String[] values, D draft, List<String> keys, List<RowWarning> warnings) {
}
