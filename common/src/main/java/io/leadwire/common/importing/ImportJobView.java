package io.leadwire.common.importing;

import io.leadwire.common.api.JobStatus;

import java.time.Instant;
import java.util.List;

/**
 * An import as the API shows it (docs/api.md "Jobs"), plus {@code skipped}, {@code mode},
 * the phone {@code region} and the file's name; {@code skippedRows} and {@code warnings}
 * list the first {@value CsvImports#MAX_STORED_ERRORS} skipped rows (with why) and rows
 * imported without a cell they could not use, as {@code errors} lists failed rows.
 */
public record ImportJobView(long id, String status, String mode, String region, String fileName, long total,
		long processed, long created, long updated, long skipped, long failed, List<RowError> errors,
		List<SkippedRow> skippedRows, List<RowWarning> warnings, Instant createdAt, Instant startedAt,
		Instant finishedAt) {

	public static ImportJobView of(ImportJob job) {
		return new ImportJobView(job.id(), job.status().wireName(), job.mode().wireName(), job.region(), job.fileName(),
				job.total(), job.processed(), job.created(), job.updated(), job.skipped(), job.failed(),
				orEmpty(job.errors()), orEmpty(job.skippedRows()), orEmpty(job.warnings()), job.createdAt(),
				job.startedAt(), job.finishedAt());
	}

	private static <T> List<T> orEmpty(List<T> list) {
		return (list != null) ? list : List.of();
	}

}
