package io.leadwire.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;

/**
 * The local MongoDB wire server's in-memory store (ephemeral platforms: end-to-end tests,
 * benchmarks), with {@link PlannedQueries}' one step of query planning, and the one
 * non-unique index the platform cannot do without: the outbox relays' sparse index on
 * {@code outbox.eventId}, which the library accepts and ignores, so every relay pass
 * scanned its whole collection (100,000 campaign recipients, every message ever sent)
 * while holding the collection's lock. Here each collection keeps the positions of its
 * documents with events waiting, and the relay's query reads only those. Every other
 * non-unique or compound index is a {@link PrefixIndex}, and queries and counts whose
 * equality conditions cover a leading part of one read only its candidates, as in
 * {@link PlannedH2Backend}.
 * <p>
 * Reads of one collection run side by side. The library serialises every command on a
 * collection (its methods are {@code synchronized}), so one tenant's export, whose first
 * query filters and sorts that tenant's whole result in memory (a few hundred
 * milliseconds), held every other tenant's list and count on the same collection until it
 * was done — a wait real MongoDB, which does not lock a collection for a read, never
 * imposes. Here queries and counts take a shared read lock and every change the exclusive
 * write lock (before the library's monitor), so reads exclude writes but not each other.
 * The library's read path is safe for that: the documents and indexes only change under
 * the write lock, the cursor registry is concurrent, and the matcher's only state (the
 * position a positional update uses) is read only by writes.
 */
final class PlannedMemoryBackend extends MemoryBackend {

	static final String OUTBOX = io.leadwire.common.outbox.OutboxEvent.FIELD;

	@Override
	public MemoryDatabase openOrCreateDatabase(String databaseName) {
		return new Database(databaseName, getCursorRegistry());
	}

	private static final class Database extends MemoryDatabase {

		Database(String name, CursorRegistry cursors) {
			super(name, cursors);
		}

		@Override
		public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver,
				Oplog oplog) {
			WireCommands.count(getDatabaseName(), command, query);
			Document counted = PlannedQueries.count(command, query, getDatabaseName(),
					(name) -> resolveCollection(name, false));
			if (counted == null) {
				counted = PlannedQueries.aggregate(command, query, this, resolver, oplog,
						(name) -> resolveCollection(name, false));
			}
			return (counted != null) ? counted : super.handleCommand(channel, command, query, resolver, oplog);
		}

		@Override
		protected Index<Integer> openOrCreateSecondaryIndex(String collectionName, String indexName,
				List<IndexKey> keys, boolean sparse) {
			return new PrefixIndex<>(indexName, keys);
		}

		@Override
		protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
			return new Collection(this, collectionName, options, this.cursorRegistry);
		}

	}

	static final class Collection extends MemoryCollection {

		/** The relays' query: documents with events waiting in their outbox. */
		private static final Document PENDING = new Document(OUTBOX + ".eventId", new Document("$exists", true));

		/**
		 * Positions of documents whose outbox holds events (changed only under the
		 * collection's write lock, as every write is).
		 */
		private final NavigableSet<Integer> pending = new TreeSet<>();

		/** Reads shared, changes exclusive (see the class comment). */
		private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

		Collection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
			super(database, name, options, cursors);
		}

		/** The lock its reads share (tests hold it to show what waits for what). */
		ReentrantReadWriteLock lock() {
			return this.lock;
		}

		private <T> T reading(Supplier<T> read) {
			this.lock.readLock().lock();
			try {
				return read.get();
			}
			finally {
				this.lock.readLock().unlock();
			}
		}

		private <T> T writing(Supplier<T> write) {
			this.lock.writeLock().lock();
			try {
				return write.get();
			}
			finally {
				this.lock.writeLock().unlock();
			}
		}

		private void writing(Runnable write) {
			writing(() -> {
				write.run();
				return null;
			});
		}

		/**
		 * The library's {@code handleQuery} under the read lock instead of the
		 * collection's monitor (the same unwrapping of {@code query}/{@code $query} and
		 * their order).
		 */
		@Override
		public QueryResult handleQuery(QueryParameters parameters) {
			Document selector = parameters.getQuerySelector();
			Document query;
			Document orderBy;
			if (selector.containsKey("query")) {
				query = (Document) selector.get("query");
				orderBy = (Document) selector.get("orderby");
			}
			else if (selector.containsKey("$query")) {
				query = (Document) selector.get("$query");
				orderBy = (Document) selector.get("$orderby");
			}
			else {
				query = selector;
				orderBy = null;
			}
			return reading(() -> queryDocuments(query, orderBy, parameters.getNumberToSkip(), parameters.getLimit(),
					parameters.getBatchSize(), parameters.getProjection()));
		}

		@Override
		public int count(Document query, int skip, int limit) {
			return reading(() -> super.count(query, skip, limit));
		}

		@Override
		public Document handleDistinct(Document query) {
			return reading(() -> super.handleDistinct(query));
		}

		@Override
		public void addDocument(Document document) {
			writing(() -> super.addDocument(document));
		}

		@Override
		public void addDocuments(Stream<Document> documents) {
			writing(() -> super.addDocuments(documents));
		}

		@Override
		public List<Document> insertDocuments(List<Document> documents, boolean isOrdered) {
			return writing(() -> super.insertDocuments(documents, isOrdered));
		}

		@Override
		public Document findAndModify(Document query) {
			return writing(() -> super.findAndModify(query));
		}

		@Override
		public Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters, boolean isMulti,
				boolean isUpsert, Oplog oplog) {
			return writing(() -> super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog));
		}

		@Override
		public int deleteDocuments(Document selector, int limit, Oplog oplog) {
			return writing(() -> super.deleteDocuments(selector, limit, oplog));
		}

		@Override
		public void removeDocument(Document document) {
			writing(() -> super.removeDocument(document));
		}

		@Override
		public void addIndex(Index<Integer> index) {
			writing(() -> super.addIndex(index));
		}

		@Override
		public void dropIndex(String indexName) {
			writing(() -> super.dropIndex(indexName));
		}

		@Override
		public void renameTo(MongoDatabase database, String name) {
			writing(() -> super.renameTo(database, name));
		}

		@Override
		public void drop() {
			writing(super::drop);
		}

		@Override
		protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
				Document fieldSelector) {
			if (PENDING.equals(query)) {
				return matchDocuments(query, new ArrayList<>(this.pending), orderBy, skip, limit, batchSize,
						fieldSelector);
			}
			QueryResult planned = PlannedQueries.byUniqueIndex(getIndexes(), query, (index, part) -> {
				List<Integer> positions = new ArrayList<>();
				index.getPositions(part).forEach(positions::add);
				WireCommands.examined(getDatabaseName(), getCollectionName(), query, orderBy, positions.size());
				return matchDocuments(query, positions, orderBy, skip, limit, batchSize, fieldSelector);
			});
			if (planned == null) {
				planned = PlannedQueries.byPrefixIndex(getIndexes(), query, orderBy, (positions) -> {
					WireCommands.examined(getDatabaseName(), getCollectionName(), query, orderBy, positions.size());
					return matchDocuments(query, positions, orderBy, skip, limit, batchSize, fieldSelector);
				}, (walked) -> {
					long[] read = new long[1];
					QueryResult result = matchDocumentsFromStream(query,
							PlannedQueries.stream(walked).map((position) -> {
								read[0]++;
								return getDocument(position);
							}), skip, limit, batchSize, null, fieldSelector);
					WireCommands.examined(getDatabaseName(), getCollectionName(), query, orderBy, read[0]);
					return result;
				}, this::getDocument);
			}
			if (planned != null) {
				return planned;
			}
			// What the library does: an index whose keys are exactly the query's, else a
			// scan.
			for (Index<Integer> index : getIndexes()) {
				if (index.canHandle(query)) {
					List<Integer> positions = new ArrayList<>();
					index.getPositions(query).forEach(positions::add);
					WireCommands.examined(getDatabaseName(), getCollectionName(), query, orderBy, positions.size());
					return matchDocuments(query, positions, orderBy, skip, limit, batchSize, fieldSelector);
				}
			}
			WireCommands.examined(getDatabaseName(), getCollectionName(), query, orderBy, count());
			return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
		}

		@Override
		protected Integer addDocumentInternal(Document document) {
			Integer position = super.addDocumentInternal(document);
			track(position, document);
			return position;
		}

		@Override
		protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
			super.handleUpdate(position, oldDocument, newDocument);
			track(position, newDocument);
		}

		@Override
		protected void removeDocument(Integer position) {
			super.removeDocument(position);
			this.pending.remove(position);
		}

		private void track(Integer position, Document document) {
			if (document.get(OUTBOX) instanceof java.util.Collection<?> events && !events.isEmpty()) {
				this.pending.add(position);
			}
			else {
				this.pending.remove(position);
			}
		}

	}

}
