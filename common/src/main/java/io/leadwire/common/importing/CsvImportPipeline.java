package io.leadwire.common.importing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.MDC;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ControlCharacters;
import io.leadwire.common.concurrent.DaemonThreads;
import io.leadwire.common.context.TenantScope;

/**
 * Reads an import's CSV as it streams, one record at a time: maps each row through the
 * service's reading of the header ({@link CsvRows}: validated and normalised like a JSON
 * create), and hands batches of {@value #BATCH_SIZE} rows to an {@link ImportSink}.
 * Memory stays at one batch whatever the file's size. Every row ends up created, updated,
 * skipped or failed with its row number; nothing is dropped without a word.
 */
public final class CsvImportPipeline implements AutoCloseable {

	public static final int BATCH_SIZE = 1000;

	public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
		.setIgnoreEmptyLines(true)
		.setIgnoreSurroundingSpaces(false)
		.get();

	/**
	 * The delimiters a file may use: comma, semicolon (spreadsheets in many locales),
	 * tab.
	 */
	static final char[] DELIMITERS = { ',', ';', '\t' };

	private final int parallelism;

	/** {@link #FORMAT} with cells separated by {@code delimiter}. */
	public static CSVFormat format(char delimiter) {
		return (delimiter == ',') ? FORMAT : FORMAT.builder().setDelimiter(delimiter).get();
	}

	/**
	 * The delimiter of a file whose header row is {@code header}: of comma, semicolon and
	 * tab, the one it holds most of outside quotes (a comma when it holds none: one
	 * column).
	 */
	public static char delimiterOf(String header) {
		int[] counts = new int[DELIMITERS.length];
		boolean quoted = false;
		for (int i = 0; i < header.length(); i++) {
			char c = header.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			}
			for (int d = 0; d < DELIMITERS.length && !quoted; d++) {
				counts[d] += (c == DELIMITERS[d]) ? 1 : 0;
			}
		}
		int best = 0;
		for (int d = 1; d < DELIMITERS.length; d++) {
			best = (counts[d] > counts[best]) ? d : best;
		}
		return DELIMITERS[best];
	}

	private final ExecutorService validators;

	/** A pipeline validating rows on every available processor. */
	public CsvImportPipeline() {
		this(Runtime.getRuntime().availableProcessors());
	}

	public CsvImportPipeline(int parallelism) {
		this.parallelism = Math.max(1, parallelism);
		this.validators = Executors.newFixedThreadPool(Math.max(1, this.parallelism - 1),
				DaemonThreads.named("csv-import-validate"));
	}

	/**
	 * Imports the rows of {@code csv}, reporting after every batch. A job run before
	 * passes its saved counts as {@code start}: its first {@code start.processed()} rows
	 * are passed over, counted already. {@code reading} reads the header row into the
	 * service's {@link CsvRows} (a 422 when it cannot describe the resource).
	 */
	public <D, P> Totals run(Reader csv, TenantScope scope, ImportMode mode, Function<List<String>, CsvRows<D>> reading,
			Totals start, ImportSink<D, P> sink, Progress progress) throws IOException {
		return run(csv, ',', scope, mode, reading, start, sink, progress);
	}

	/**
	 * As
	 * {@link #run(Reader, TenantScope, ImportMode, Function, Totals, ImportSink, Progress)},
	 * cells separated by {@code delimiter}.
	 */
	public <D, P> Totals run(Reader csv, char delimiter, TenantScope scope, ImportMode mode,
			Function<List<String>, CsvRows<D>> reading, Totals start, ImportSink<D, P> sink, Progress progress)
			throws IOException {
		try (CSVParser parser = CSVParser.builder().setReader(csv).setFormat(format(delimiter)).get()) {
			Iterator<CSVRecord> records = parser.iterator();
			if (!hasNext(records, parser, 0, progress)) {
				throw ApiException.validation("file", "the file is empty: it needs a header row");
			}
			CsvRows<D> header = reading.apply(records.next().toList());
			try (Run<D, P> run = new Run<>(scope, mode, header, sink, progress, start)) {
				return run.read(records, parser);
			}
		}
	}

	private static boolean hasNext(Iterator<CSVRecord> records, CSVParser parser, long row, Progress progress) {
		try {
			return records.hasNext();
		}
		catch (UncheckedIOException | IllegalStateException ex) {
			throw new MalformedCsvException(row + 1, parser.getCurrentLineNumber(), ex);
		}
	}

	/**
	 * The state of one pass over a file. This thread reads, validates and prepares
	 * batches ({@link ImportSink#prepare}); one writer thread writes them in order, so
	 * the next batch is prepared while the last is written, and at most one waits.
	 */
	private final class Run<D, P> implements AutoCloseable {

		private final TenantScope scope;

		private final ImportMode mode;

		private final CsvRows<D> header;

		private final ImportSink<D, P> sink;

		private final ExecutorService writer = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, Thread.currentThread().getName() + "-writer");
			thread.setDaemon(true);
			return thread;
		});

		private Future<?> writing = CompletableFuture.completedFuture(null);

		private final Map<String, String> logContext = MDC.getCopyOfContextMap();

		private final Progress progress;

		private final long skipRows;

		private final Totals totals;

		private List<ImportRow<D>> batch = new ArrayList<>(BATCH_SIZE);

		private List<P> preparedRows = new ArrayList<>(BATCH_SIZE);

		/** The keys of the batch's rows, each with the first row holding it. */
		private final Map<String, Long> batchKeys = new HashMap<>();

		private final List<RowError> errors = new ArrayList<>();

		private final List<SkippedRow> skipped = new ArrayList<>();

		private final List<RowWarning> warnings = new ArrayList<>();

		private final List<RawRow> pending = new ArrayList<>(BATCH_SIZE);

		private long row;

		private long batchRows;

		Run(TenantScope scope, ImportMode mode, CsvRows<D> header, ImportSink<D, P> sink, Progress progress,
				Totals start) {
			this.scope = scope;
			this.mode = mode;
			this.header = header;
			this.sink = sink;
			this.progress = progress;
			this.totals = start;
			this.skipRows = start.processed;
		}

		Totals read(Iterator<CSVRecord> records, CSVParser parser) {
			try {
				while (hasNext(records, parser, this.row, this.progress)) {
					CSVRecord record = records.next();
					this.row++;
					if (this.row > this.skipRows) {
						accept(record);
					}
				}
			}
			catch (MalformedCsvException ex) {
				validatePending();
				awaitWritten();
				throw ex;
			}
			validatePending();
			awaitWritten();
			return this.totals;
		}

		@Override
		public void close() {
			this.writer.shutdownNow();
		}

		/** Waits for the batch being written; its failure is this run's. */
		private void awaitWritten() {
			try {
				this.writing.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while writing an import batch", ex);
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof RuntimeException runtime) {
					throw runtime;
				}
				throw new IllegalStateException(ex.getCause());
			}
		}

		private void accept(CSVRecord record) {
			this.pending.add(new RawRow(this.row, record.values()));
			if (this.pending.size() >= BATCH_SIZE) {
				validatePending();
			}
		}

		/**
		 * Validates the rows read since the last batch, on every core, then takes them in
		 * file order into batches.
		 */
		private void validatePending() {
			if (this.pending.isEmpty()) {
				return;
			}
			Object[] prepared = new Object[this.pending.size()];
			Object[] results = CsvImportPipeline.this.validate(this.pending, this.scope, this.header, this.sink,
					prepared);
			for (int i = 0; i < results.length; i++) {
				this.batchRows++;
				if (results[i] instanceof ImportRow<?> importRow) {
					@SuppressWarnings("unchecked")
					P preparedRow = (P) prepared[i];
					@SuppressWarnings("unchecked")
					ImportRow<D> row = (ImportRow<D>) importRow;
					add(row, preparedRow);
				}
				else {
					this.errors.add((RowError) results[i]);
				}
			}
			this.pending.clear();
			flush();
		}

		/**
		 * Adds a valid row. One that shares a key with an earlier row of the batch is
		 * that row's duplicate: skipped in skip mode; in update mode it starts the next
		 * batch, so it updates what the earlier row wrote.
		 */
		private void add(ImportRow<D> importRow, P preparedRow) {
			Long earlier = null;
			for (String key : importRow.keys()) {
				Long holder = this.batchKeys.get(key);
				if (holder != null && (earlier == null || holder < earlier)) {
					earlier = holder;
				}
			}
			boolean repeat = earlier != null;
			if (repeat && this.mode == ImportMode.SKIP) {
				this.skipped.add(new SkippedRow(importRow.row(), "a duplicate of row " + earlier + " of this file"));
				return;
			}
			if (repeat) {
				this.batchRows--;
				flush();
				this.batchRows++;
			}
			for (String key : importRow.keys()) {
				this.batchKeys.putIfAbsent(key, importRow.row());
			}
			this.warnings.addAll(importRow.warnings());
			this.batch.add(importRow);
			this.preparedRows.add(preparedRow);
		}

		private void flush() {
			if (this.batchRows == 0) {
				return;
			}
			ImportBatch<D, P> prepared = this.batch.isEmpty() ? null
					: new ImportBatch<>(this.scope, this.mode, this.header, this.batch, this.preparedRows);
			long rows = this.batchRows;
			BatchNotes notes = new BatchNotes(List.copyOf(this.errors), List.copyOf(this.skipped),
					List.copyOf(this.warnings));
			awaitWritten();
			this.writing = this.writer.submit(() -> {
				if (this.logContext != null) {
					MDC.setContextMap(this.logContext);
				}
				written((prepared != null) ? this.sink.write(prepared) : BatchOutcome.allCreated(0), rows, notes);
			});
			this.batch = new ArrayList<>(BATCH_SIZE);
			this.preparedRows = new ArrayList<>(BATCH_SIZE);
			this.batchKeys.clear();
			this.errors.clear();
			this.skipped.clear();
			this.warnings.clear();
			this.batchRows = 0;
		}

		/**
		 * Counts a written batch (on the writer thread, in batch order) and reports it.
		 */
		private void written(BatchOutcome outcome, long rows, BatchNotes notes) {
			List<RowError> batchErrors = new ArrayList<>(notes.errors());
			batchErrors.addAll(outcome.errors());
			batchErrors.sort((a, b) -> Long.compare(a.row(), b.row()));
			List<SkippedRow> batchSkipped = new ArrayList<>(notes.skipped());
			batchSkipped.addAll(outcome.skipped());
			batchSkipped.sort((a, b) -> Long.compare(a.row(), b.row()));
			this.totals.processed += rows;
			this.totals.created += outcome.created();
			this.totals.updated += outcome.updated();
			this.totals.skipped += batchSkipped.size();
			this.totals.failed += batchErrors.size();
			this.progress.batchDone(this.totals, new BatchNotes(batchErrors, batchSkipped, notes.warnings()));
		}

	}

	@Override
	public void close() {
		this.validators.shutdownNow();
	}

	/**
	 * Each row's {@link ImportRow}, or its {@link RowError}, in order; the rows are split
	 * between the validating threads and this one.
	 */
	private <D, P> Object[] validate(List<RawRow> rows, TenantScope scope, CsvRows<D> header, ImportSink<D, P> sink,
			Object[] prepared) {
		Object[] results = new Object[rows.size()];
		Map<String, String> logContext = MDC.getCopyOfContextMap();
		int parts = Math.min(this.parallelism, Math.max(1, rows.size() / 100));
		int size = (rows.size() + parts - 1) / parts;
		List<Future<?>> others = new ArrayList<>(parts - 1);
		for (int part = 1; part < parts; part++) {
			int from = part * size;
			int to = Math.min(rows.size(), from + size);
			others.add(this.validators.submit(() -> {
				if (logContext != null) {
					MDC.setContextMap(logContext);
				}
				validate(rows, from, to, results, scope, header, sink, prepared);
			}));
		}
		validate(rows, 0, Math.min(rows.size(), size), results, scope, header, sink, prepared);
		for (Future<?> other : others) {
			try {
				other.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while validating import rows", ex);
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("Validating import rows failed", ex.getCause());
			}
		}
		return results;
	}

	private <D, P> void validate(List<RawRow> rows, int from, int to, Object[] results, TenantScope scope,
			CsvRows<D> header, ImportSink<D, P> sink, Object[] prepared) {
		for (int i = from; i < to; i++) {
			RawRow raw = rows.get(i);
			if (raw.values().length > header.width()) {
				results[i] = new RowError(raw.row(), "the row has " + raw.values().length
						+ " columns but the header has " + header.width() + " (is a comma not quoted?)");
				continue;
			}
			String control = controlCharacter(raw.values());
			if (control != null) {
				results[i] = new RowError(raw.row(), control);
				continue;
			}
			try {
				CsvRows.Read<D> read = header.read(raw.values());
				List<RowWarning> warnings = read.leftOut()
					.stream()
					.map((left) -> new RowWarning(raw.row(), left.field(), left.message()))
					.toList();
				ImportRow<D> row = new ImportRow<>(raw.row(), raw.values(), read.draft(), header.keys(read.draft()),
						warnings);
				prepared[i] = sink.prepare(row, scope);
				results[i] = row;
			}
			catch (ApiException ex) {
				results[i] = new RowError(raw.row(), describe(ex));
			}
		}
	}

	/**
	 * Why the row is refused when a cell holds a control character (NUL and the other C0
	 * controls but tab and line breaks, and DEL), as the API refuses them; else null.
	 */
	static String controlCharacter(String[] values) {
		for (int column = 0; column < values.length; column++) {
			String value = values[column];
			int index = (value != null) ? ControlCharacters.indexIn(value) : -1;
			if (index >= 0) {
				return "column " + (column + 1) + " " + ControlCharacters.message(value, index);
			}
		}
		return null;
	}

	/** A data row as read, before validation. */
	private record RawRow(long row, String[] values) {
	}

	/** The fields at fault and why, for a row error. */
	public static String describe(ApiException ex) {
		if (ex.errors().isEmpty()) {
			return ex.getMessage();
		}
		return ex.errors()
			.stream()
			.map((error) -> error.field() + ": " + error.message())
			.collect(Collectors.joining("; "));
	}

	/** Running counts of an import. */
	public static final class Totals {

		public Totals() {
		}

		public Totals(long processed, long created, long updated, long skipped, long failed) {
			this.processed = processed;
			this.created = created;
			this.updated = updated;
			this.skipped = skipped;
			this.failed = failed;
		}

		long processed;

		long created;

		long updated;

		long skipped;

		long failed;

		public long processed() {
			return this.processed;
		}

		public long created() {
			return this.created;
		}

		public long updated() {
			return this.updated;
		}

		public long skipped() {
			return this.skipped;
		}

		public long failed() {
			return this.failed;
		}

	}

	/** Told after every batch, once its rows are written. */
	@FunctionalInterface
	public interface Progress {

		/**
		 * A batch was written: the running totals, and the batch's failed, skipped and
		 * warned rows.
		 */
		void batchDone(Totals totals, BatchNotes notes);

	}

	/**
	 * The CSV cannot be read past a point (an unterminated quote, text after a closing
	 * quote): rows before it are imported, the rest are not.
	 */
	public static final class MalformedCsvException extends RuntimeException {

		private final long row;

		MalformedCsvException(long row, long line, RuntimeException cause) {
			super("Malformed CSV at row " + row + " (line " + line + " of the file): "
					+ ((cause.getCause() != null) ? cause.getCause().getMessage() : cause.getMessage())
					+ "; this row and those after it were not imported", cause);
			this.row = row;
		}

		public long row() {
			return this.row;
		}

	}

}
