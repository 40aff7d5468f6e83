package io.leadwire.launcher;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
 * answer. A document with an array in a key field is a candidate of every lookup (kept
 * aside, never missed). Kept in memory and rebuilt from the documents when a store opens
 * (the library fills an empty index it is given).
 */
final class PrefixIndex<P> extends Index<P> {

	private static final String ID = "_id";

	/** For prefixes of one, two, ... keys: the key values to the positions with them. */
	private final List<Map<List<Object>, Set<P>>> prefixes = new ArrayList<>();

	/** Each indexed document's position, by its normalized {@code _id}. */
	private final Map<Object, P> positions = new ConcurrentHashMap<>();

	/** Documents with an array in a key field: candidates of every lookup. */
	private final Set<P> aside = ConcurrentHashMap.newKeySet();

	/** The names of the keys it answers, in order. */
	private final List<String> keyNames;

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
		this.keyNames = List.copyOf(keys().subList(0, this.prefixes.size()));
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
		List<Object> values = values(document);
		if (values == null) {
			this.aside.add(position);
			return;
		}
		for (int i = 0; i < this.prefixes.size(); i++) {
			this.prefixes.get(i)
				.computeIfAbsent(new ArrayList<>(values.subList(0, i + 1)), (key) -> ConcurrentHashMap.newKeySet())
				.add(position);
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
		List<Object> before = values(oldDocument);
		List<Object> after = values(newDocument);
		if (before != null && before.equals(after)) {
			return;
		}
		unlink(oldDocument, position);
		Object id = id(newDocument);
		if (id != null) {
			this.positions.remove(id(oldDocument));
			add(newDocument, position, collection);
		}
	}

	@Override
	public void drop() {
		this.prefixes.forEach(Map::clear);
		this.positions.clear();
		this.aside.clear();
	}

	private void unlink(Document document, P position) {
		List<Object> values = values(document);
		if (values == null) {
			this.aside.remove(position);
			return;
		}
		for (int i = 0; i < this.prefixes.size(); i++) {
			List<Object> key = values.subList(0, i + 1);
			Set<P> at = this.prefixes.get(i).get(key);
			if (at != null) {
				at.remove(position);
				if (at.isEmpty()) {
					this.prefixes.get(i).remove(key, at);
				}
			}
		}
	}

	/**
	 * The document's key values, normalized as the library compares them, or null when a
	 * key holds an array (the document is then kept aside).
	 */
	private List<Object> values(Document document) {
		List<Object> values = new ArrayList<>(this.prefixes.size());
		for (String key : keyNames()) {
			// A plain key is the document's own field: the library's path lookup splits
			// every key with a regular expression (a tenth of the wire server's time
			// under
			// the send lanes' updates).
			Object value = (key.indexOf('.') < 0) ? document.getOrMissing(key)
					: Utils.getSubdocumentValueCollectionAware(document, key);
			if (value instanceof Collection<?>) {
				return null;
			}
			values.add(normalize(value));
		}
		return values;
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
