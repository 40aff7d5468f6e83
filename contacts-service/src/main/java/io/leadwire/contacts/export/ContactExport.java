package io.leadwire.contacts.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bson.Document;

import org.springframework.stereotype.Component;

import io.leadwire.common.context.TenantScope;
import io.leadwire.common.id.IdCodec;
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

	private final ContactStore store;

	private final IdCodec codec;

	private final ObjectMapper json;

	ContactExport(ContactStore store, IdCodec codec, ObjectMapper json) {
		this.store = store;
		this.codec = codec;
		this.json = json;
	}

	/** Writes the export; returns the number of contacts written. */
	long write(TenantScope scope, ContactFilter filter, boolean bom, OutputStream body) throws IOException {
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
