package io.leadwire.launcher;

import java.lang.reflect.Field;
import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The local MongoDB wire server's H2 store, with one step of query planning that real
 * MongoDB has and the library lacks. The library uses an index only for a query whose
 * fields are exactly the index's: a query naming {@code _id} (a value or {@code $in})
 * beside other conditions — every conditional write by id, such as {@code {_id, state:
 * "pending"}} — scanned the whole collection, so on a collection of 100,000 campaign
 * recipients each such write read 100,000 documents. Here such a query takes its
 * candidates from the {@code _id} index and matches the rest of the query against them,
 * with the library's own matcher, sort, skip, limit and projection: the same answer, from
 * one document instead of all of them (launcher tests compare the two). Non-unique and
 * compound indexes, which the library accepts and ignores, are {@link PrefixIndex}es
 * here: a query whose equality conditions cover a leading part of such an index (a
 * session's due sends, a campaign's recipients in a state) reads only the documents with
 * those values, and the driver's {@code countDocuments} is answered through the same plan
 * instead of the library's aggregation over the whole collection. Only the local
 * platform, its end-to-end tests and the benchmarks run on it.
 */
final class PlannedH2Backend extends H2Backend {

	private static final Field STORE = storeField();

	PlannedH2Backend(MVStore store) {
		super(store);
	}

	static PlannedH2Backend file(String fileName) {
		return new PlannedH2Backend(MVStore.open(fileName));
	}

	@Override
	protected MongoDatabase openOrCreateDatabase(String databaseName) {
		return new Database(databaseName, getMvStore(), getCursorRegistry());
	}

	private static Field storeField() {
		try {
			Field field = H2Database.class.getDeclaredField("mvStore");
			field.setAccessible(true);
			return field;
		}
		catch (NoSuchFieldException ex) {
			throw new IllegalStateException("mongo-java-server's H2Database changed: no mvStore field", ex);
		}
	}

	private static final class Database extends H2Database {

		Database(String name, MVStore store, CursorRegistry cursors) {
			super(name, store, cursors);
		}

		@Override
		public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver,
				Oplog oplog) {
			Document counted = PlannedQueries.count(command, query, getDatabaseName(),
					(name) -> resolveCollection(name, false));
			if (counted == null) {
				counted = PlannedQueries.aggregate(command, query, this, resolver, oplog,
						(name) -> resolveCollection(name, false));
			}
			return (counted != null) ? counted : super.handleCommand(channel, command, query, resolver, oplog);
		}

		@Override
		protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
				boolean sparse) {
			return new PrefixIndex<>(indexName, keys);
		}

		@Override
		protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
			// Read from the superclass's field: the superclass opens collections while it
			// is constructed, before a field of this class could be set.
			MVStore store;
			try {
				store = (MVStore) STORE.get(this);
			}
			catch (IllegalAccessException ex) {
				throw new IllegalStateException(ex);
			}
			String fullName = getFullCollectionNamespace(collectionName);
			MVMap<Object, Document> data = store.openMap("databases." + fullName);
			MVMap<String, Object> meta = store.openMap("meta." + fullName);
			return new Collection(this, collectionName, options, data, meta, this.cursorRegistry);
		}

	}

	private static final class Collection extends H2Collection {

		Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
				MVMap<String, Object> meta, CursorRegistry cursors) {
			super(database, name, options, data, meta, cursors);
		}

		/**
		 * The library's count under the collection's monitor, as its other reads: a count
		 * may walk a prefix index, whose first walk puts a level in order
		 * ({@link PrefixIndex}), which no write may run beside.
		 */
		@Override
		public synchronized int count(Document query, int skip, int limit) {
			return super.count(query, skip, limit);
		}

		@Override
		protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
				Document fieldSelector) {
			QueryResult planned = PlannedQueries.byUniqueIndex(getIndexes(), query,
					(index, part) -> matchDocuments(query, index.getPositions(part), orderBy, skip, limit, batchSize,
							fieldSelector));
			if (planned == null) {
				planned = PlannedQueries.byPrefixIndex(getIndexes(), query, orderBy,
						(positions) -> matchDocuments(query, positions, orderBy, skip, limit, batchSize, fieldSelector),
						(walked) -> matchDocumentsFromStream(query,
								PlannedQueries.stream(walked).map(this::getDocument), skip, limit, batchSize, null,
								fieldSelector),
						this::getDocument);
			}
			return (planned != null) ? planned
					: super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
		}

	}

}
