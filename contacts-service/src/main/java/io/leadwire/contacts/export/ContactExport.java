package io.leadwire.contacts.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.bson.Document;

import org.springframework.stereotype.Component;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.id.IdCodec;
import io.leadwire.common.job.FairTurns;
import io.leadwire.contacts.contact.ContactFilter;
import io.leadwire.contacts.contact.ContactStore;
import tools.jackson.databind.ObjectMapper;

/**
 * Streams contacts as CSV straight from a database cursor to the response: a header row,
 * then one row per contact, newest first, in UTF-8 (with a byte-order mark when asked,
 * for spreadsheets). The next cursor batch is read while the last is written
 * ({@link Prefetch}, at most two batches ahead), so the database and the client are never
 * waiting on each other; only those batches and the writer's buffer are held, whatever
 * the number of contacts. Ids are the public ones, encoded here with the platform's codec
 * (the gateway passes CSV through untouched); {@code group_ids} are separated by
 * {@code ;} and {@code custom_fields} is a JSON object, both read back by the import.
 */
@Component
class ContactExport {

	static final List<String> COLUMNS = List.of("id", "name", "phone", "email", "group_ids", "is_favorite", "opted_out",
			"custom_fields", "created_at", "updated_at");

	/** Documents per cursor batch. */
	private static final int BATCH = 1000;

	/**
	 * Exports of one tenant streaming at once on a replica: past it a new one is a 429.
	 */
	static final int MAX_PER_TENANT = 2;

	/** Exports reading the database at once on a replica, tenants taking turns. */
	static final int SLOTS = 2;

	private final FairTurns turns = new FairTurns(SLOTS);

	private final Map<TenantScope, AtomicInteger> open = new ConcurrentHashMap<>();

	private final ContactStore store;

	private final IdCodec codec;

	private final ObjectMapper json;

	ContactExport(ContactStore store, IdCodec codec, ObjectMapper json) {
		this.store = store;
		this.codec = codec;
		this.json = json;
	}

	/**
	 * Admits one more export of the tenant, or answers 429 with {@code Retry-After} when
	 * {@value #MAX_PER_TENANT} of its exports stream already; close it when the export
	 * ends.
	 */
	Admission admit(TenantScope scope) {
		AtomicInteger count = this.open.computeIfAbsent(scope, (s) -> new AtomicInteger());
		if (count.incrementAndGet() > MAX_PER_TENANT) {
			release(scope, count);
			throw new ApiException(429, ErrorCodes.RATE_LIMITED,
					"This account already has " + MAX_PER_TENANT
							+ " exports streaming; start another once one of them ends")
				.retryAfter(Duration.ofSeconds(10));
		}
		return () -> release(scope, count);
	}

	private void release(TenantScope scope, AtomicInteger count) {
		if (count.decrementAndGet() <= 0) {
			this.open.remove(scope, count);
		}
	}

	/** An admitted export, closed when it ends. */
	interface Admission extends AutoCloseable {

		@Override
		void close();

	}

	/**
	 * Writes the export, a turn at a time (a batch of {@value #BATCH} contacts each,
	 * other tenants' exports going between); returns the number of contacts written.
	 */
	long write(TenantScope scope, ContactFilter filter, boolean bom, OutputStream body) throws IOException {
		try (FairTurns.Turn turn = this.turns.acquire(scope.tenantId() + ":" + scope.environment().name())) {
			return write(scope, filter, bom, body, turn);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while waiting for a turn", ex);
		}
	}

	private long write(TenantScope scope, ContactFilter filter, boolean bom, OutputStream body, FairTurns.Turn turn)
			throws IOException, InterruptedException {
		Writer out = new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8), 64 * 1024);
		if (bom) {
			out.write('\uFEFF');
		}
		out.write(String.join(",", COLUMNS));
		out.write("\r\n");
		long rows = 0;
		try (Stream<Document> contacts = this.store.stream(scope, filter, BATCH);
				Prefetch prefetch = new Prefetch(contacts.iterator(), BATCH, 2)) {
			for (List<Document> chunk = prefetch.next(); chunk != null; chunk = prefetch.next()) {
				for (Document contact : chunk) {
					row(out, contact);
				}
				rows += chunk.size();
				turn.pass();
			}
		}
		out.flush();
		return rows;
	}

	private void row(Writer out, Document contact) throws IOException {
		out.write(this.codec.encode(((Number) contact.get("_id")).longValue()));
		out.write(',');
		CsvCells.write(out, contact.getString("name"));
		out.write(',');
		CsvCells.write(out, contact.getString("phone"));
		out.write(',');
		CsvCells.write(out, contact.getString("email"));
		out.write(',');
		List<?> groups = contact.getList("groupIds", Object.class);
		if (groups != null) {
			for (int i = 0; i < groups.size(); i++) {
				if (i > 0) {
					out.write(';');
				}
				out.write(this.codec.encode(((Number) groups.get(i)).longValue()));
			}
		}
		out.write(',');
		out.write(Boolean.TRUE.equals(contact.getBoolean("favorite")) ? "true" : "false");
		out.write(',');
		out.write(Boolean.TRUE.equals(contact.getBoolean("optedOut")) ? "true" : "false");
		out.write(',');
		Object custom = contact.get("customFields");
		if (custom instanceof Map<?, ?> fields && !fields.isEmpty()) {
			CsvCells.write(out, this.json.writeValueAsString(fields));
		}
		out.write(',');
		out.write(time(contact.get("createdAt")));
		out.write(',');
		out.write(time(contact.get("updatedAt")));
		out.write("\r\n");
	}

	private static String time(Object value) {
		return (value instanceof Date date) ? date.toInstant().toString() : "";
	}

}
