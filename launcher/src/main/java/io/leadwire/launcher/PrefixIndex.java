package io.leadwire.launcher;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A non-unique or compound index for the local MongoDB wire server, which accepts such
 * indexes and ignores them (so every query on, say, {@code {campaignId, state}} scanned
 * the whole collection). This one answers the equality prefixes of its keys: for an index
 * on {@code (a, b, c)}, the positions of the documents with given values of {@code a}, of
 * {@code (a, b)} and of {@code (a, b, c)}. It only narrows the candidates:
 * {@link PlannedQueries#byPrefixIndex} matches the whole query against them with the
 * library's own matcher, sort, skip, limit and projection, so an answer is the library's
 * answer. A document with an array in a key field is found by each of its elements, as in
 * MongoDB's multikey indexes (one whose keys cannot be listed — an array in an array — is
 * a candidate of every lookup: kept aside, never missed). Each prefix also keeps its
 * documents in the order of the key after it, so a query sorted on that key, or bounding
 * it, reads them in that order and stops at its limit ({@link #walk}) as MongoDB walks
 * its index, instead of matching and sorting every document of the prefix. Kept in memory
 * and rebuilt from the documents when a store opens (the library fills an empty index it
 * is given).
 */
final class PrefixIndex<P> extends Index<P> {

	private static final String ID = "_id";

	/** For prefixes of one, two, ... keys: the key values to the positions with them. */
	private final List<Map<List<Object>, Set<P>>> prefixes = new ArrayList<>();

	/** Each indexed document's position, by its normalized {@code _id}. */
	private final Map<Object, P> positions = new ConcurrentHashMap<>();

	/**
	 * Documents whose keys cannot be listed (an array inside an array, or more key
	 * combinations than {@link #MAX_ENTRIES}): candidates of every lookup.
	 */
	private final Set<P> aside = ConcurrentHashMap.newKeySet();

	/**
	 * For prefixes of one, two, ... keys followed by another key of the index: the key
	 * values to their documents in the order of that next key's value (then of their
	 * position), as MongoDB's index holds them: a sort on that key, or a range of it, is
	 * read in order instead of matched and sorted whole ({@link #walk}). Null for the
	 * last prefix when no key follows it.
	 */
	private final List<Map<List<Object>, NavigableSet<Entry<P>>>> ordered = new ArrayList<>();

	/**
	 * Per prefix level: whether its documents are kept in order ({@link #ordered}). A
	 * level is put in order the first time a query walks it ({@link #walk}), and kept so
	 * from then on: a level no query walks (most of them: a status or a tenant's
	 * environment is seldom sorted on) costs no ordered insert on every write.
	 */
	private final java.util.concurrent.atomic.AtomicIntegerArray kept;

	/**
	 * Per key of {@link #readKeys}: how many indexed documents hold an array there (a
	 * prefix followed by such a key is not walked in order: an array sorts by its least
	 * or greatest element).
	 */
	private final java.util.concurrent.atomic.AtomicIntegerArray arrays;

	/** The names of the keys it answers, in order. */
	private final List<String> keyNames;

	/** The keys it reads from a document: those it answers, and the one after them. */
	private final List<String> readKeys;

	/** Key combinations one document may have at most (arrays multiply them). */
	static final int MAX_ENTRIES = 1_000;

	/** Leading keys answered at most (each prefix costs a map of its own). */
	static final int MAX_WIDTH = 3;

	PrefixIndex(String name, List<IndexKey> keys) {
		// Sparse as the library's ignored index was: a document it does not hold (one
		// without an _id) is no error when removed.
		super(name, keys, true);
		// Up to _id (unique already: a prefix through it is a set per document).
		for (int i = 0; i < Math.min(MAX_WIDTH, keys.size()) && !keys.get(i).getKey().equals(ID); i++) {
			this.prefixes.add(new ConcurrentHashMap<>());
		}
		// The library builds its key list anew on every call; every write reads it.
		List<String> all = keys();
		this.keyNames = List.copyOf(all.subList(0, this.prefixes.size()));
		this.readKeys = List.copyOf(all.subList(0, Math.min(all.size(), this.prefixes.size() + 1)));
		for (int i = 0; i < this.prefixes.size(); i++) {
			this.ordered.add((i + 1 < this.readKeys.size()) ? new ConcurrentHashMap<>() : null);
		}
		this.arrays = new java.util.concurrent.atomic.AtomicIntegerArray(this.readKeys.size());
		this.kept = new java.util.concurrent.atomic.AtomicIntegerArray(this.prefixes.size());
	}

	/**
	 * The name of the key after a prefix of {@code width} keys, if the index walks that
	 * prefix in its order: a key follows it, no indexed document holds an array there and
	 * none is kept aside; else null.
	 */
	String walkable(int width) {
		if (width < 1 || width >= this.readKeys.size() || this.ordered.get(width - 1) == null
				|| this.arrays.get(width) > 0 || !this.aside.isEmpty()) {
			return null;
		}
		return this.readKeys.get(width);
	}

	/**
	 * The positions of the documents with these (normalized) values of the first keys, in
	 * ascending order of the next key (then of position), from {@code from} to {@code to}
	 * (null: unbounded), each bound exclusive or not; only for a prefix
	 * {@link #walkable}. The set is live: read it under the collection's read lock (no
	 * write runs meanwhile). The first walk of a level puts that level in order, reading
	 * each indexed document once through {@code documents}.
	 */
	java.util.Iterator<P> walk(List<Object> values, Object from, boolean fromInclusive, Object to, boolean toInclusive,
			java.util.function.Function<P, Document> documents) {
		keepInOrder(values.size() - 1, documents);
		NavigableSet<Entry<P>> entries = this.ordered.get(values.size() - 1).get(values);
		if (entries == null) {
			return java.util.Collections.emptyIterator();
		}
		NavigableSet<Entry<P>> range = entries;
		if (from != null) {
			range = range.tailSet(new Entry<>(from, null, fromInclusive ? -1 : 1), true);
		}
		if (to != null) {
			range = range.headSet(new Entry<>(to, null, toInclusive ? 1 : -1), true);
		}
		java.util.Iterator<Entry<P>> walked = range.iterator();
		return new java.util.Iterator<>() {
			@Override
			public boolean hasNext() {
				return walked.hasNext();
			}

			@Override
			public P next() {
				return walked.next().position();
			}
		};
	}

	/**
	 * Puts a level in order from the indexed documents, once. Readers may get here
	 * together (they share the collection's read lock), so the first builds it and the
	 * others wait; writers are shut out by the lock meanwhile, and keep it from then on.
	 */
	private void keepInOrder(int level, java.util.function.Function<P, Document> documents) {
		if (this.kept.get(level) == 1) {
			return;
		}
		synchronized (this.ordered) {
			if (this.kept.get(level) == 1) {
				return;
			}
			for (P position : this.positions.values()) {
				Keys keys = keys(documents.apply(position));
				if (keys != null) {
					order(level, keys.prefixes(level + 1), keys.next(level + 1), position);
				}
			}
			this.kept.set(level, 1);
		}
	}

	/**
	 * A document's value of the key after a prefix, and its position; or a bound (no
	 * position) placed before ({@code tie} -1) or after (+1) every document with that
	 * value.
	 */
	record Entry<P>(Object value, P position, int tie) {
	}

	private static final java.util.Comparator<Object> VALUES = de.bwaldvogel.mongo.backend.ValueComparator.asc();

	private static <P> int compare(Entry<P> a, Entry<P> b) {
		int byValue = VALUES.compare(a.value(), b.value());
		if (byValue != 0) {
			return byValue;
		}
		if (a.position() == null || b.position() == null) {
			return Integer.compare(a.tie(), b.tie());
		}
		return VALUES.compare(a.position(), b.position());
	}

	/** The names of the keys it answers, in order. */
	List<String> keyNames() {
		return this.keyNames;
	}

	/**
	 * The positions of the documents whose first {@code values.size()} keys have these
	 * (normalized) values, and those kept aside.
	 */
	Collection<P> lookup(List<Object> values) {
		Set<P> found = this.prefixes.get(values.size() - 1).get(values);
		List<P> candidates = new ArrayList<>(((found != null) ? found.size() : 0) + this.aside.size());
		if (found != null) {
			candidates.addAll(found);
		}
		candidates.addAll(this.aside);
		return candidates;
	}

	/** How many documents a lookup of these values would return. */
	int size(List<Object> values) {
		Set<P> found = this.prefixes.get(values.size() - 1).get(values);
		return ((found != null) ? found.size() : 0) + this.aside.size();
	}

	@Override
	public P getPosition(Document document) {
		Object id = id(document);
		return (id != null) ? this.positions.get(id) : null;
	}

	@Override
	public void checkAdd(Document document, MongoCollection<P> collection) {
		// Not unique: nothing to refuse.
	}

	@Override
	public void add(Document document, P position, MongoCollection<P> collection) {
		Object id = id(document);
		if (id == null) {
			return;
		}
		this.positions.put(id, position);
		link(document, position);
	}

	private void link(Document document, P position) {
		Keys keys = keys(document);
		if (keys == null) {
			this.aside.add(position);
			return;
		}
		keys.countArrays(this.arrays, 1);
		for (int i = 0; i < this.prefixes.size(); i++) {
			link(i, keys.prefixes(i + 1), keys.next(i + 1), position);
		}
	}

	/** Adds the document at one prefix level: its prefixes, ordered by {@code next}. */
	private void link(int level, List<List<Object>> prefixes, Object next, P position) {
		for (List<Object> prefix : prefixes) {
			this.prefixes.get(level).computeIfAbsent(prefix, (key) -> ConcurrentHashMap.newKeySet()).add(position);
		}
		if (this.kept.get(level) == 1) {
			order(level, prefixes, next, position);
		}
	}

	/** Places the document in a level's order, by {@code next}. */
	private void order(int level, List<List<Object>> prefixes, Object next, P position) {
		Map<List<Object>, NavigableSet<Entry<P>>> inOrder = this.ordered.get(level);
		if (inOrder == null || next == MULTI) {
			return;
		}
		for (List<Object> prefix : prefixes) {
			inOrder.computeIfAbsent(prefix, (key) -> new ConcurrentSkipListSet<>(PrefixIndex::compare))
				.add(new Entry<>(next, position, 0));
		}
	}

	/** Removes the document from one prefix level. */
	private void unlink(int level, List<List<Object>> prefixes, Object next, P position) {
		Map<List<Object>, NavigableSet<Entry<P>>> inOrder = this.ordered.get(level);
		for (List<Object> prefix : prefixes) {
			Set<P> at = this.prefixes.get(level).get(prefix);
			if (at != null) {
				at.remove(position);
				if (at.isEmpty()) {
					this.prefixes.get(level).remove(prefix, at);
				}
			}
			NavigableSet<Entry<P>> entries = (inOrder != null && next != MULTI && this.kept.get(level) == 1)
					? inOrder.get(prefix) : null;
			if (entries != null) {
				entries.remove(new Entry<>(next, position, 0));
				if (entries.isEmpty()) {
					inOrder.remove(prefix, entries);
				}
			}
		}
	}

	@Override
	public P remove(Document document) {
		Object id = id(document);
		P position = (id != null) ? this.positions.remove(id) : null;
		if (position != null) {
			unlink(document, position);
		}
		return position;
	}

	@Override
	public boolean canHandle(Document query) {
		// The library's own planning stays out: PlannedQueries uses this index.
		return false;
	}

	@Override
	public Iterable<P> getPositions(Document query) {
		throw new UnsupportedOperationException("planned by PlannedQueries.byPrefixIndex");
	}

	@Override
	public long getCount() {
		return this.positions.size();
	}

	@Override
	public long getDataSize() {
		return 0;
	}

	@Override
	public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
		// Not unique: nothing to refuse.
	}

	@Override
	public void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection) {
		if (sameKeys(oldDocument, newDocument)) {
			// Most writes change no key of a given index (an outbox pull, a timestamp).
			return;
		}
		Keys before = keys(oldDocument);
		Keys after = keys(newDocument);
		if (before != null && before.equals(after)) {
			return;
		}
		Object id = id(newDocument);
		if (before != null && after != null && id != null && id.equals(id(oldDocument))) {
			// Only the levels whose prefixes or order changed move: a status write moves
			// the document in the levels from the status on, not under its tenant.
			before.countArrays(this.arrays, -1);
			after.countArrays(this.arrays, 1);
			for (int i = 0; i < this.prefixes.size(); i++) {
				List<List<Object>> was = before.prefixes(i + 1);
				List<List<Object>> is = after.prefixes(i + 1);
				Object wasNext = before.next(i + 1);
				Object isNext = after.next(i + 1);
				if (!was.equals(is) || !java.util.Objects.equals(wasNext, isNext)) {
					unlink(i, was, wasNext, position);
					link(i, is, isNext, position);
				}
			}
			return;
		}
		unlink(oldDocument, position);
		if (id != null) {
			this.positions.remove(id(oldDocument));
			add(newDocument, position, collection);
		}
	}

	/** Whether the two have equal values of every key it reads, and the same id. */
	private boolean sameKeys(Document oldDocument, Document newDocument) {
		if (!java.util.Objects.equals(oldDocument.get(ID), newDocument.get(ID))) {
			return false;
		}
		for (String key : this.readKeys) {
			if (key.indexOf('.') >= 0
					|| !java.util.Objects.equals(oldDocument.getOrMissing(key), newDocument.getOrMissing(key))) {
				return false;
			}
		}
		return true;
	}

	@Override
	public void drop() {
		this.prefixes.forEach(Map::clear);
		this.ordered.stream().filter(java.util.Objects::nonNull).forEach(Map::clear);
		this.positions.clear();
		this.aside.clear();
		for (int i = 0; i < this.arrays.length(); i++) {
			this.arrays.set(i, 0);
		}
	}

	private void unlink(Document document, P position) {
		Keys keys = keys(document);
		if (keys == null) {
			this.aside.remove(position);
			return;
		}
		keys.countArrays(this.arrays, -1);
		for (int i = 0; i < this.prefixes.size(); i++) {
			unlink(i, keys.prefixes(i + 1), keys.next(i + 1), position);
		}
	}

	/** Marks a key holding an array where a walk needs one value. */
	private static final Object MULTI = new Object();

	/**
	 * A document's keys: per key it reads, the normalized values an equality finds it by
	 * (one, or each element of an array, as MongoDB's multikey indexes hold them: an
	 * empty array none), and the raw value that orders it (null when missing,
	 * {@link #MULTI} for an array).
	 */
	private record Keys(List<List<Object>> values, List<Object> raw) {

		/** Every combination of the first {@code width} keys' values. */
		List<List<Object>> prefixes(int width) {
			List<List<Object>> combinations = new ArrayList<>();
			combinations.add(List.of());
			for (List<Object> choices : this.values.subList(0, width)) {
				List<List<Object>> longer = new ArrayList<>(combinations.size() * choices.size());
				for (List<Object> combination : combinations) {
					for (Object choice : choices) {
						List<Object> next = new ArrayList<>(combination.size() + 1);
						next.addAll(combination);
						next.add(choice);
						longer.add(next);
					}
				}
				combinations = longer;
			}
			return combinations;
		}

		/** The value ordering the document after a prefix of {@code width} keys. */
		Object next(int width) {
			return (width < this.raw.size()) ? this.raw.get(width) : MULTI;
		}

		void countArrays(java.util.concurrent.atomic.AtomicIntegerArray arrays, int delta) {
			for (int i = 0; i < this.raw.size(); i++) {
				if (this.raw.get(i) == MULTI) {
					arrays.addAndGet(i, delta);
				}
			}
		}

	}

	/**
	 * The document's keys, or null when they cannot be listed (an array inside an array,
	 * or more than {@link #MAX_ENTRIES} combinations): the document is then kept aside.
	 */
	private Keys keys(Document document) {
		List<List<Object>> values = new ArrayList<>(this.readKeys.size());
		List<Object> raw = new ArrayList<>(this.readKeys.size());
		long combinations = 1;
		for (int i = 0; i < this.readKeys.size(); i++) {
			String key = this.readKeys.get(i);
			// A plain key is the document's own field: the library's path lookup splits
			// every key with a regular expression (a tenth of the wire server's time
			// under the send lanes' updates).
			Object value = (key.indexOf('.') < 0) ? document.getOrMissing(key)
					: Utils.getSubdocumentValueCollectionAware(document, key);
			if (value instanceof Collection<?> elements) {
				List<Object> distinct = new ArrayList<>(elements.size());
				for (Object element : elements) {
					if (element instanceof Collection<?>) {
						return null;
					}
					Object normalized = normalize(element);
					if (!distinct.contains(normalized)) {
						distinct.add(normalized);
					}
				}
				values.add(distinct);
				raw.add(MULTI);
				if (i < this.prefixes.size()) {
					combinations *= Math.max(1, distinct.size());
				}
			}
			else {
				values.add(java.util.Collections.singletonList(normalize(value)));
				raw.add((value instanceof Missing) ? null : value);
			}
			if (combinations > MAX_ENTRIES) {
				return null;
			}
		}
		return new Keys(values, raw);
	}

	private static Object id(Document document) {
		Object id = document.get(ID);
		return (id != null) ? normalize(id) : null;
	}

	/**
	 * A value as an equality compares it: numbers as doubles (a long a double cannot hold
	 * stays a long), missing and null alike.
	 */
	static Object normalize(Object value) {
		if (value == null || value instanceof Missing) {
			return null;
		}
		if (value instanceof Long number && number != (long) number.doubleValue()) {
			return number;
		}
		if (value instanceof Number number) {
			double d = number.doubleValue();
			return (d == -0.0) ? 0.0 : d;
		}
		return value;
	}

}
