package io.leadwire.common.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.leadwire.common.api.ApiException;

/**
 * A fast first pass over an uploaded CSV, before it is accepted: counts its records the
 * way the parser will (quotes may hold line breaks; empty lines are not records) and
 * turns away, with a 422, files the import could not finish: no data rows, too many rows,
 * a row too long to hold in memory, or a quote that never closes.
 */
public final class CsvScan {

	public static final long MAX_ROWS = 1_000_000;

	public static final int MAX_ROW_BYTES = 1 << 20;

	private CsvScan() {
	}

	/** The number of data rows (records after the header). */
	public static long dataRows(Path file) throws IOException {
		long records = 0;
		long quoteOpenedAt = 0;
		boolean inQuotes = false;
		boolean content = false;
		long recordBytes = 0;
		byte[] buffer = new byte[64 * 1024];
		try (InputStream in = Files.newInputStream(file)) {
			for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
				for (int i = 0; i < read; i++) {
					byte b = buffer[i];
					if (!inQuotes && (b == '\n' || b == '\r')) {
						if (content) {
							records++;
							content = false;
						}
						recordBytes = 0;
						continue;
					}
					if (b == '"') {
						inQuotes = !inQuotes;
						if (inQuotes) {
							quoteOpenedAt = records;
						}
					}
					content = true;
					if (++recordBytes > MAX_ROW_BYTES) {
						throw ApiException.validation("file", (records == 0) ? "the header row is longer than 1 MB"
								: "row " + records + " is longer than 1 MB");
					}
				}
			}
		}
		if (inQuotes) {
			throw ApiException.validation("file", ((quoteOpenedAt == 0) ? "the header row" : "row " + quoteOpenedAt)
					+ " opens a quoted field that never closes");
		}
		if (content) {
			records++;
		}
		if (records == 0) {
			throw ApiException.validation("file", "the file is empty: it needs a header row and data rows");
		}
		long rows = records - 1;
		if (rows == 0) {
			throw ApiException.validation("file", "the file has a header row but no data rows");
		}
		if (rows > MAX_ROWS) {
			throw ApiException.validation("file", "at most 1,000,000 rows per import; this file has " + rows);
		}
		return rows;
	}

}
