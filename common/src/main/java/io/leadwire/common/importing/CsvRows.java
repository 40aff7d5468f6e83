package io.leadwire.common.importing;

import java.util.List;

import io.leadwire.common.api.ApiResponse.FieldError;

/**
 * A service's reading of an import's rows, made from the file's header row: which column
 * fills which field, and the rules a row must pass. The import machinery
 * ({@link CsvImportPipeline}, {@link CsvImports}) is the same for every resource; this is
 * the part each service keeps.
 *
 * @param <D> a validated row: the resource's draft
 */
public interface CsvRows<D> {

	/** The header's number of columns: a row with more is refused. */
	int width();

	/**
	 * The draft a data row describes, validated; throws
	 * {@link io.leadwire.common.api.ApiException} naming the fields at fault.
	 */
	D create(String[] values);

	/**
	 * The draft a data row describes, with the cells it left out as unusable while
	 * keeping the rest of the row (an import's leniency, where the API would refuse the
	 * request); by default {@link #create}'s draft, leaving nothing out.
	 */
	default Read<D> read(String[] values) {
		return new Read<>(create(values), List.of());
	}

	/**
	 * The row's non-empty cells written onto {@code base} (an existing resource's draft),
	 * validated again.
	 */
	D update(D base, String[] values);

	/**
	 * The draft's identity keys: two rows sharing one describe the same resource (at
	 * least one key per row).
	 */
	List<String> keys(D draft);

	/**
	 * A row's draft and the fields left out of it.
	 *
	 * @param <D> the resource's draft
	 */
	record Read<D>(D draft, List<FieldError> leftOut) {
	}

}
