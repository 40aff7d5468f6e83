package io.leadwire.launcher;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import de.bwaldvogel.mongo.bson.Document;

/**
 * What the local MongoDB wire server's memory store (ephemeral platforms) has been asked:
 * commands and the documents or statements they carried, by database, collection and
 * command. The benchmarks divide its difference over a run by the messages sent, so a
 * figure of CPU per message comes with the round trips that cost it.
 */
public final class WireCommands {

	private static final Map<String, LongAdder[]> COUNTS = new ConcurrentHashMap<>();

	private static final Map<String, LongAdder> EXAMINED = new ConcurrentHashMap<>();

	private WireCommands() {
	}

	/**
	 * Documents a query of {@code collection} looked at (an index's candidates, or the
	 * whole collection when no index served it), as MongoDB's {@code docsExamined}.
	 */
	static void examined(String database, String collection, Document query, Document orderBy, long documents) {
		EXAMINED
			.computeIfAbsent(database + " " + collection + " " + shape(query, orderBy) + " docs examined",
					(key) -> new LongAdder())
			.add(documents);
	}

	/**
	 * A query's shape, as MongoDB's plan cache keys it: the fields it names (those of an
	 * {@code $and}, {@code $or} or {@code $nor} inside brackets) and its sort, without
	 * values, so the documents examined are told apart by the query that examined them.
	 */
	static String shape(Document query, Document orderBy) {
		StringBuilder shape = new StringBuilder();
		fields(query, shape);
		if (orderBy != null && !orderBy.isEmpty()) {
			shape.append(" sort ").append(String.join(",", orderBy.keySet()));
		}
		return shape.toString();
	}

	private static void fields(Document query, StringBuilder shape) {
		shape.append('{');
		boolean first = true;
		for (Map.Entry<String, Object> condition : query.entrySet()) {
			if (!first) {
				shape.append(',');
			}
			first = false;
			shape.append(condition.getKey());
			if (condition.getValue() instanceof java.util.List<?> parts && condition.getKey().startsWith("$")) {
				shape.append('[');
				for (Object part : parts) {
					if (part instanceof Document document) {
						fields(document, shape);
					}
				}
				shape.append(']');
			}
		}
		shape.append('}');
	}

	static void count(String database, String command, Document query) {
		Object target = query.get(command);
		String collection = (target instanceof String name) ? name : "-";
		int items = 1;
		for (String list : new String[] { "documents", "updates", "deletes" }) {
			if (query.get(list) instanceof java.util.List<?> statements) {
				items = statements.size();
			}
		}
		LongAdder[] counts = COUNTS.computeIfAbsent(database + " " + collection + " " + command,
				(key) -> new LongAdder[] { new LongAdder(), new LongAdder() });
		counts[0].increment();
		counts[1].add(items);
	}

	/** Commands and their items so far, by "database collection command". */
	public static Map<String, long[]> snapshot() {
		Map<String, long[]> snapshot = new TreeMap<>();
		COUNTS.forEach((key, counts) -> snapshot.put(key, new long[] { counts[0].sum(), counts[1].sum() }));
		EXAMINED.forEach((key, documents) -> snapshot.put(key, new long[] { 0, documents.sum() }));
		return snapshot;
	}

	/**
	 * Commands (and items) since {@code before} per unit of work, the largest first, each
	 * line "database collection command: commands (items)", down to {@code min} commands
	 * a unit; then the documents queries examined per unit, by collection, down to
	 * {@code min} documents a unit.
	 */
	public static String perUnit(Map<String, long[]> before, long units, double min) {
		StringBuilder text = new StringBuilder();
		double total = 0;
		java.util.List<Map.Entry<String, double[]>> rows = new java.util.ArrayList<>();
		java.util.List<Map.Entry<String, Double>> examined = new java.util.ArrayList<>();
		for (Map.Entry<String, long[]> now : snapshot().entrySet()) {
			long[] then = before.getOrDefault(now.getKey(), new long[2]);
			double commands = (now.getValue()[0] - then[0]) / (double) units;
			double items = (now.getValue()[1] - then[1]) / (double) units;
			if (now.getKey().endsWith(" docs examined")) {
				if (items >= min) {
					examined.add(Map.entry(now.getKey(), items));
				}
				continue;
			}
			total += commands;
			if (commands >= min) {
				rows.add(Map.entry(now.getKey(), new double[] { commands, items }));
			}
		}
		rows.sort((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]));
		examined.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
		text.append(String.format("%.2f MongoDB commands per unit in all", total));
		for (Map.Entry<String, double[]> row : rows) {
			text.append(
					String.format("%n  %-70s %7.3f (%.3f items)", row.getKey(), row.getValue()[0], row.getValue()[1]));
		}
		for (Map.Entry<String, Double> row : examined) {
			text.append(String.format("%n  %-70s %9.1f", row.getKey(), row.getValue()));
		}
		return text.toString();
	}

}
