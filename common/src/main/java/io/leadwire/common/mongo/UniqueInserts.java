package io.leadwire.common.mongo;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;

/**
 * Inserts a batch where a unique index decides which documents are new (an import's
 * upsert without a lookup first): one unordered {@code insertMany}; the positions the
 * index refused are returned for the caller to match against what holds them. Any other
 * write error is thrown.
 */
public final class UniqueInserts {

	/** MongoDB's duplicate key error. */
	public static final int DUPLICATE_KEY = 11000;

	private UniqueInserts() {
	}

	/** Inserts {@code documents}; returns the positions refused as duplicates. */
	public static <T> List<Integer> insertAll(MongoCollection<T> collection, List<? extends T> documents) {
		if (documents.isEmpty()) {
			return List.of();
		}
		try {
			collection.insertMany(documents, new InsertManyOptions().ordered(false));
			return List.of();
		}
		catch (MongoBulkWriteException ex) {
			List<Integer> refused = new ArrayList<>();
			for (BulkWriteError error : ex.getWriteErrors()) {
				if (error.getCode() != DUPLICATE_KEY) {
					throw ex;
				}
				refused.add(error.getIndex());
			}
			return refused;
		}
	}

}
