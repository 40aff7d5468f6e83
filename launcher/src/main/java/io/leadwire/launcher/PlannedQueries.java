package io.leadwire.launcher;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;

/**
 * One step of query planning that real MongoDB has and the local wire server
 * (mongo-java-server) lacks. The library uses an index only for a query whose fields are
 * exactly the index's: a query naming {@code _id} (or another field with a unique index)
 * beside other conditions — every conditional write by id, such as {@code {_id, state:
 * "pending"}} — scanned the whole collection, so on a collection of 100,000 campaign
 * recipients each such write read 100,000 documents while holding the collection's lock.
 * Planned, such a query takes its candidates from that unique index (a value or an
 * {@code $in} list) and matches the whole query against them with the library's own
 * matcher, sort, skip, limit and projection: the same answer from one document instead of
 * all of them (launcher tests compare the two). Only the local platform, its end-to-end
 * tests and the benchmarks run on it.
 */
final class PlannedQueries {

	private PlannedQueries() {
	}

	/**
	 * The query's answer through a unique single-field index it names beside other
	 * conditions ({@code viaIndex} with the index and the part it answers), or null when
	 * it names none (the library plans it).
	 */
	static <P> QueryResult byUniqueIndex(List<Index<P>> indexes, Document query,
			BiFunction<Index<P>, Document, QueryResult> viaIndex) {
		for (Index<P> index : indexes) {
			if (!index.isUnique() || index.getKeys().size() != 1) {
				continue;
			}
			Document part = indexedPart(query, index.getKeys().get(0).getKey());
			if (part != null && index.canHandle(part)) {
				return viaIndex.apply(index, part);
			}
		}
		return null;
	}

	/**
	 * The part of a query that also has other conditions which a unique index on
	 * {@code key} answers, or null: an equality on a plain value, or an {@code $in} list.
	 */
	static Document indexedPart(Document query, String key) {
		if (query.size() < 2 || !query.containsKey(key)) {
			return null;
		}
		Object value = query.get(key);
		if (value instanceof Document condition) {
			if (condition.size() != 1 || !(condition.get("$in") instanceof Collection)) {
				return null;
			}
		}
		else if (value == null || value instanceof Pattern || value instanceof Map || value instanceof Collection) {
			return null;
		}
		return new Document(key, value);
	}

}
