package io.leadwire.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
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
			Document counted = PlannedQueries.count(command, query, getDatabaseName(),
					(name) -> resolveCollection(name, false));
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

	private static final class Collection extends MemoryCollection {

		/** The relays' query: documents with events waiting in their outbox. */
		private static final Document PENDING = new Document(OUTBOX + ".eventId", new Document("$exists", true));

		/**
		 * Positions of documents whose outbox holds events (changed only under the
		 * collection's lock, as every write is).
		 */
		private final NavigableSet<Integer> pending = new TreeSet<>();

		Collection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
			super(database, name, options, cursors);
		}

		@Override
		protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
				Document fieldSelector) {
			if (PENDING.equals(query)) {
				return matchDocuments(query, new ArrayList<>(this.pending), orderBy, skip, limit, batchSize,
						fieldSelector);
			}
			QueryResult planned = PlannedQueries.byUniqueIndex(getIndexes(), query,
					(index, part) -> matchDocuments(query, index.getPositions(part), orderBy, skip, limit, batchSize,
							fieldSelector));
			if (planned == null) {
				planned = PlannedQueries.byPrefixIndex(getIndexes(), query, (positions) -> matchDocuments(query,
						positions, orderBy, skip, limit, batchSize, fieldSelector));
			}
			return (planned != null) ? planned
					: super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
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
