package io.leadwire.leads.importing;

import java.util.List;

import io.leadwire.leads.lead.LeadDraft;

/**
 * A data row that passed validation: its cells, the lead they describe and its contact
 * keys.
 *
 * @param row 1 for the first data row after the header
 * @param values the row's cells, to apply again onto an existing lead in update mode
 * @param draft the validated lead the row creates
 * @param keys the row's contact keys (at least one)
 */
public record ImportRow(long row, String[] values, LeadDraft draft, List<String> keys) {
}
