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
		query = conditions(query);
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

	/** How many queries a prefix index answered in this JVM. */
	static final java.util.concurrent.atomic.LongAdder PREFIX_PLANS = new java.util.concurrent.atomic.LongAdder();

	/**
	 * The answer to the driver's {@code countDocuments} — an {@code aggregate} of
	 * {@code [{$match}, {$skip}?, {$limit}?, {$group: {_id: 1, n: {$sum: 1}}}]}, which
	 * the library runs over every document of the collection — counted through the
	 * collection's planned query instead; null for any other command (the library answers
	 * it).
	 */
	static Document count(String command, Document query, String namespace,
			java.util.function.Function<String, de.bwaldvogel.mongo.MongoCollection<?>> collections) {
		if (!"aggregate".equalsIgnoreCase(command) || !(query.get(command) instanceof String name)
				|| !(query.get("pipeline") instanceof List<?> pipeline) || pipeline.size() < 2 || pipeline.size() > 4) {
			return null;
		}
		if (!(pipeline.get(0) instanceof Document first) || first.size() != 1
				|| !(first.get("$match") instanceof Document match) || !countGroup(pipeline.get(pipeline.size() - 1))) {
			return null;
		}
		int skip = 0;
		int limit = 0;
		for (Object stage : pipeline.subList(1, pipeline.size() - 1)) {
			if (stage instanceof Document step && step.size() == 1 && step.get("$skip") instanceof Number n && skip == 0
					&& limit == 0) {
				skip = n.intValue();
			}
			else if (stage instanceof Document step && step.size() == 1 && step.get("$limit") instanceof Number n
					&& limit == 0) {
				limit = n.intValue();
			}
			else {
				return null;
			}
		}
		de.bwaldvogel.mongo.MongoCollection<?> collection = collections.apply(name);
		long count = 0;
		if (collection != null) {
			for (Document ignored : collection
				.handleQuery(new de.bwaldvogel.mongo.backend.QueryParameters(match, skip, limit))) {
				count++;
			}
		}
		List<Document> batch = (count == 0) ? List.of() : List.of(new Document("_id", 1).append("n", count));
		Document cursor = new Document("id", 0L).append("ns", namespace + "." + name).append("firstBatch", batch);
		Document response = new Document("cursor", cursor);
		response.put("ok", 1.0);
		return response;
	}

	/** How many aggregations {@link #aggregate} answered in this JVM. */
	static final java.util.concurrent.atomic.LongAdder AGGREGATE_PLANS = new java.util.concurrent.atomic.LongAdder();

	/**
	 * Stages a pipeline planned by {@link #aggregate} may hold after its {@code $match}.
	 */
	private static final java.util.Set<String> LOCAL_STAGES = java.util.Set.of("$match", "$group", "$project",
			"$addFields", "$set", "$unset", "$sort", "$skip", "$limit", "$count", "$unwind", "$replaceRoot");

	/**
	 * The answer to an {@code aggregate} whose first stage is a {@code $match} and which
	 * groups its documents ({@code $group} or {@code $count}: a small answer), with that
	 * match answered by the collection's planned query — the library streams every
	 * document of the collection through its {@code $match} — and the other stages run by
	 * the library's own aggregation over the matched documents; null for any other
	 * command (the library answers it). Stages that read other collections or write are
	 * left to the library.
	 */
	static Document aggregate(String command, Document query, de.bwaldvogel.mongo.MongoDatabase database,
			de.bwaldvogel.mongo.backend.DatabaseResolver resolver, de.bwaldvogel.mongo.oplog.Oplog oplog,
			java.util.function.Function<String, de.bwaldvogel.mongo.MongoCollection<?>> collections) {
		if (!"aggregate".equalsIgnoreCase(command) || !(query.get(command) instanceof String name)
				|| !(query.get("pipeline") instanceof List<?> pipeline) || pipeline.size() < 2
				|| query.containsKey("explain") || query.containsKey("let")) {
			return null;
		}
		if (!(pipeline.get(0) instanceof Document first) || first.size() != 1
				|| !(first.get("$match") instanceof Document match)) {
			return null;
		}
		boolean groups = false;
		List<Document> rest = new java.util.ArrayList<>();
		for (Object stage : pipeline.subList(1, pipeline.size())) {
			if (!(stage instanceof Document step) || step.size() != 1
					|| !LOCAL_STAGES.contains(step.keySet().iterator().next())) {
				return null;
			}
			groups |= step.containsKey("$group") || step.containsKey("$count");
			rest.add(step);
		}
		if (!groups) {
			return null;
		}
		de.bwaldvogel.mongo.MongoCollection<?> collection = collections.apply(name);
		AGGREGATE_PLANS.increment();
		List<Document> matched = new java.util.ArrayList<>();
		if (collection != null) {
			collection.handleQuery(new de.bwaldvogel.mongo.backend.QueryParameters(match, 0, 0)).forEach(matched::add);
		}
		List<Document> counted = countedBy(rest.get(0), matched);
		if (counted != null) {
			COUNTED_GROUPS.increment();
			rest.set(0, sumOfCounts(rest.get(0)));
			matched = counted;
		}
		List<Document> batch = de.bwaldvogel.mongo.backend.aggregation.Aggregation
			.fromPipeline(rest, resolver, database, collection, oplog)
			.runStages(matched.stream());
		Document cursor = new Document("id", 0L).append("ns", database.getDatabaseName() + "." + name)
			.append("firstBatch", batch);
		Document response = new Document("cursor", cursor);
		response.put("ok", 1.0);
		return response;
	}

	/** How many groups {@link #countedBy} counted before the library's (for tests). */
	static final java.util.concurrent.atomic.LongAdder COUNTED_GROUPS = new java.util.concurrent.atomic.LongAdder();

	/** The field a pre-counted document carries its count in. */
	static final String COUNT = "__leadwire_count";

	/**
	 * For a {@code $group} that counts ({@code {$sum: 1}} each) by plain fields
	 * ({@code _id} a constant, {@code "$field"} or a document of them): the matched
	 * documents counted by their values of those fields, one document per distinct
	 * combination holding those fields as they were and its count in {@link #COUNT}; else
	 * null. The library's group then runs over these few instead of evaluating its key
	 * for every document (a campaign's tally reads tens of thousands): documents with
	 * equal values get equal keys, so its answer is the same ({@link #sumOfCounts}).
	 */
	static List<Document> countedBy(Document stage, List<Document> matched) {
		if (!(stage.get("$group") instanceof Document group) || group.containsKey(COUNT)) {
			return null;
		}
		List<String> fields = new java.util.ArrayList<>();
		Object id = group.get("_id");
		if (id instanceof Document key) {
			for (Object value : key.values()) {
				if (!(value instanceof String ref) || !plainField(ref)) {
					return null;
				}
				fields.add(ref.substring(1));
			}
		}
		else if (id instanceof String ref) {
			if (!plainField(ref)) {
				return null;
			}
			fields.add(ref.substring(1));
		}
		else if (id != null && !(id instanceof Number)) {
			return null;
		}
		if (fields.contains(COUNT)) {
			return null;
		}
		for (java.util.Map.Entry<String, Object> accumulator : group.entrySet()) {
			if (!accumulator.getKey().equals("_id") && !(accumulator.getValue() instanceof Document sum
					&& sum.size() == 1 && sum.get("$sum") instanceof Integer one && one == 1)) {
				return null;
			}
		}
		java.util.Map<List<Object>, Document> counts = new java.util.LinkedHashMap<>();
		for (Document document : matched) {
			List<Object> values = new java.util.ArrayList<>(fields.size());
			for (String field : fields) {
				values.add(document.getOrMissing(field));
			}
			Document counted = counts.computeIfAbsent(values, (key) -> {
				Document first = new Document();
				for (String field : fields) {
					if (document.containsKey(field)) {
						first.put(field, document.get(field));
					}
				}
				first.put(COUNT, 0);
				return first;
			});
			counted.put(COUNT, (Integer) counted.get(COUNT) + 1);
		}
		return new java.util.ArrayList<>(counts.values());
	}

	/** The counting group of {@link #countedBy}, summing the counts instead of ones. */
	static Document sumOfCounts(Document stage) {
		Document group = new Document();
		((Document) stage.get("$group"))
			.forEach((name, value) -> group.put(name, name.equals("_id") ? value : new Document("$sum", "$" + COUNT)));
		return new Document("$group", group);
	}

	/** A reference to a top-level field ({@code "$state"}, not {@code "$a.b"}). */
	private static boolean plainField(String ref) {
		return ref.length() > 1 && ref.charAt(0) == '$' && ref.indexOf('.') < 0 && ref.charAt(1) != '$';
	}

	private static boolean countGroup(Object stage) {
		return stage instanceof Document step && step.size() == 1 && step.get("$group") instanceof Document group
				&& group.size() == 2 && group.get("_id") instanceof Number && group.get("n") instanceof Document sum
				&& sum.size() == 1 && sum.get("$sum") instanceof Number one && one.intValue() == 1;
	}

	/**
	 * The query's field conditions, those inside a top-level {@code $and} (as the Java
	 * driver's {@code Filters.and} writes them) brought up beside the others: each is a
	 * condition every match meets, so any one of them may narrow the candidates (the
	 * whole query is still matched against them).
	 */
	static Document conditions(Document query) {
		List<?> all = (query.get("$and") instanceof List<?> and) ? and : null;
		// An $or of one branch is that branch (Spring's orOperator writes one so).
		if (query.get("$or") instanceof List<?> or && or.size() == 1) {
			all = (all == null) ? or : java.util.stream.Stream.concat(all.stream(), or.stream()).toList();
		}
		if (all == null) {
			return query;
		}
		Document flat = new Document();
		query.forEach((key, value) -> {
			if (!key.startsWith("$")) {
				flat.put(key, value);
			}
		});
		for (Object part : all) {
			if (part instanceof Document document) {
				document.forEach((key, value) -> {
					if (!key.startsWith("$")) {
						flat.putIfAbsent(key, value);
					}
				});
			}
		}
		return flat;
	}

	/** Lookups one query may combine at most (the product of its {@code $in} lists). */
	static final int MAX_LOOKUPS = 1_000;

	/**
	 * The query's answer through the non-unique or compound index ({@link PrefixIndex})
	 * whose equality prefix the query names ({@code {a: v}} or {@code {a: {$in: [...]}}}
	 * for each of the index's leading keys) with the fewest candidates
	 * ({@code viaPositions} with them, in the collection's order), or null when no index
	 * answers it (the library scans).
	 */
	@SuppressWarnings("unchecked")
	static <P> QueryResult byPrefixIndex(List<Index<P>> indexes, Document query, Document orderBy,
			java.util.function.Function<List<P>, QueryResult> viaPositions,
			java.util.function.Function<java.util.Iterator<P>, QueryResult> inOrder,
			java.util.function.Function<P, Document> documents) {
		Document conditions = conditions(query);
		PrefixIndex<P> best = null;
		List<List<Object>> bestLookups = null;
		Walk bestWalk = null;
		long bestSize = Long.MAX_VALUE;
		for (Index<P> index : indexes) {
			if (!(index instanceof PrefixIndex<?>)) {
				continue;
			}
			PrefixIndex<P> prefix = (PrefixIndex<P>) index;
			List<List<Object>> lookups = lookups(prefix, conditions);
			if (lookups == null) {
				continue;
			}
			long size = 0;
			for (List<Object> lookup : lookups) {
				size += prefix.size(lookup);
			}
			Walk walk = (lookups.size() == 1) ? Walk.of(prefix.walkable(lookups.get(0).size()), conditions, orderBy)
					: null;
			// A walk reads only the documents in its range, or up to the sort's limit.
			if (walk != null) {
				size /= 2;
			}
			if (size < bestSize) {
				best = prefix;
				bestLookups = lookups;
				bestWalk = walk;
				bestSize = size;
			}
		}
		if (best == null) {
			return null;
		}
		PREFIX_PLANS.increment();
		if (bestWalk != null) {
			java.util.Iterator<P> walked = best.walk(bestLookups.get(0), bestWalk.from(), bestWalk.fromInclusive(),
					bestWalk.to(), bestWalk.toInclusive(), documents);
			WALKS.increment();
			if (bestWalk.sorted()) {
				return inOrder.apply(walked);
			}
			List<P> inRange = new java.util.ArrayList<>();
			walked.forEachRemaining(inRange::add);
			inRange.sort(de.bwaldvogel.mongo.backend.ValueComparator.asc());
			return viaPositions.apply(inRange);
		}
		java.util.Set<P> candidates = new java.util.LinkedHashSet<>();
		for (List<Object> lookup : bestLookups) {
			candidates.addAll(best.lookup(lookup));
		}
		List<P> ordered = new java.util.ArrayList<>(candidates);
		// The collection's own order (what a scan would give), for queries without a
		// sort.
		ordered.sort(de.bwaldvogel.mongo.backend.ValueComparator.asc());
		return viaPositions.apply(ordered);
	}

	/** The positions a walk reads, as an ordered stream. */
	static <P> java.util.stream.Stream<P> stream(java.util.Iterator<P> walked) {
		return java.util.stream.StreamSupport
			.stream(java.util.Spliterators.spliteratorUnknownSize(walked, java.util.Spliterator.ORDERED), false);
	}

	/** How many queries a prefix index answered by walking its order. */
	static final java.util.concurrent.atomic.LongAdder WALKS = new java.util.concurrent.atomic.LongAdder();

	/**
	 * How a query reads a prefix in the order of the key after it ({@code next}): from
	 * and to which values of it (null: unbounded), and whether that order is the query's
	 * sort ({@code sorted}: the documents are matched in it and the first ones that match
	 * are the answer).
	 */
	record Walk(Object from, boolean fromInclusive, Object to, boolean toInclusive, boolean sorted) {

		/**
		 * The walk for a query whose sort is {@code next} ascending, or which bounds
		 * {@code next} ({@code $gt}, {@code $gte}, {@code $lt}, {@code $lte} of plain
		 * values); null for any other query, or when the prefix cannot be walked
		 * ({@code next} null).
		 */
		static Walk of(String next, Document conditions, Document orderBy) {
			if (next == null) {
				return null;
			}
			boolean sorted = orderBy != null && orderBy.size() == 1 && orderBy.get(next) instanceof Number direction
					&& direction.intValue() == 1;
			Object from = null;
			Object to = null;
			boolean fromInclusive = false;
			boolean toInclusive = false;
			if (conditions.get(next) instanceof Document range && !range.isEmpty()) {
				for (Map.Entry<String, Object> bound : range.entrySet()) {
					if (!plain(bound.getValue())) {
						from = null;
						to = null;
						break;
					}
					switch (bound.getKey()) {
						case "$gt", "$gte" -> {
							if (from == null) {
								from = bound.getValue();
								fromInclusive = bound.getKey().equals("$gte");
							}
						}
						case "$lt", "$lte" -> {
							if (to == null) {
								to = bound.getValue();
								toInclusive = bound.getKey().equals("$lte");
							}
						}
						default -> {
							// Another operator: matched on the walked documents.
						}
					}
				}
			}
			return (sorted || from != null || to != null) ? new Walk(from, fromInclusive, to, toInclusive, sorted)
					: null;
		}

	}

	/**
	 * The key values to look up for the longest equality prefix of the index the query
	 * names, or null when it names not even the first key.
	 */
	private static List<List<Object>> lookups(PrefixIndex<?> index, Document query) {
		List<List<Object>> lookups = new java.util.ArrayList<>();
		lookups.add(List.of());
		for (String key : index.keyNames()) {
			List<Object> values = equalities(query.get(key), query.containsKey(key));
			if (values == null || (long) lookups.size() * values.size() > MAX_LOOKUPS) {
				break;
			}
			List<List<Object>> longer = new java.util.ArrayList<>(lookups.size() * values.size());
			for (List<Object> lookup : lookups) {
				for (Object value : values) {
					List<Object> next = new java.util.ArrayList<>(lookup);
					next.add(PrefixIndex.normalize(value));
					longer.add(next);
				}
			}
			lookups = longer;
		}
		return lookups.get(0).isEmpty() ? null : lookups;
	}

	/**
	 * The values an equality condition admits ({@code v} or {@code {$in: [...]}}), or
	 * null when it is not one the index answers (absent, null, a pattern, a document, an
	 * array, another operator).
	 */
	private static List<Object> equalities(Object condition, boolean present) {
		if (!present || !plain(condition)) {
			if (present && condition instanceof Document document && document.size() == 1
					&& document.get("$in") instanceof Collection<?> values && !values.isEmpty()
					&& values.stream().allMatch(PlannedQueries::plain)) {
				return List.copyOf(values);
			}
			return null;
		}
		return List.of(condition);
	}

	private static boolean plain(Object value) {
		return value != null && !(value instanceof Pattern) && !(value instanceof Map) && !(value instanceof Collection)
				&& !(value instanceof de.bwaldvogel.mongo.bson.Bson);
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
