package io.leadwire.launcher;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The local MongoDB wire server's in-memory store (ephemeral platforms: end-to-end tests,
 * benchmarks), with {@link PlannedQueries}' one step of query planning. It keeps
 * documents as objects (the H2 store serialises each one it writes), which the
 * benchmarks' write-heavy runs measure.
 */
final class PlannedMemoryBackend extends MemoryBackend {

	@Override
	public MemoryDatabase openOrCreateDatabase(String databaseName) {
		return new Database(databaseName, getCursorRegistry());
	}

	private static final class Database extends MemoryDatabase {

		Database(String name, CursorRegistry cursors) {
			super(name, cursors);
		}

		@Override
		protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
			return new Collection(this, collectionName, options, this.cursorRegistry);
		}

	}

	private static final class Collection extends MemoryCollection {

		Collection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
			super(database, name, options, cursors);
		}

		@Override
		protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
				Document fieldSelector) {
			QueryResult planned = PlannedQueries.byUniqueIndex(getIndexes(), query,
					(index, part) -> matchDocuments(query, index.getPositions(part), orderBy, skip, limit, batchSize,
							fieldSelector));
			return (planned != null) ? planned
					: super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
		}

	}

}
