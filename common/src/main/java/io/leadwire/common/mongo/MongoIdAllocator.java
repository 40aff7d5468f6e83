package io.leadwire.common.mongo;

import java.util.concurrent.locks.ReentrantLock;

import org.bson.Document;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import io.leadwire.common.id.IdAllocator;
import io.leadwire.common.id.IdCodec;

/**
 * Hi/lo id allocation: each replica reserves a block of ids with one atomic {@code $inc}
 * on the service's own {@code id_blocks} collection and hands them out from memory.
 * Unique across replicas without clocks or node numbers; a restart only skips the rest of
 * a block.
 */
public final class MongoIdAllocator implements IdAllocator {

	static final String COLLECTION = "id_blocks";

	/**
	 * Ids below this are never used, so no id is small enough to be mistaken for a count.
	 */
	static final long FIRST_ID = 1_000_000L;

	private final MongoOperations mongo;

	private final String sequence;

	private final int blockSize;

	private final ReentrantLock lock = new ReentrantLock();

	private long next;

	private long limit;

	public MongoIdAllocator(MongoOperations mongo, String sequence, int blockSize) {
		this.mongo = mongo;
		this.sequence = sequence;
		this.blockSize = blockSize;
	}

	@Override
	public long next() {
		this.lock.lock();
		try {
			if (this.next >= this.limit) {
				reserveBlock();
			}
			return this.next++;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void reserveBlock() {
		Document block = this.mongo.findAndModify(Query.query(Criteria.where("_id").is(this.sequence)),
				new Update().inc("end", (long) this.blockSize),
				FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION);
		long end = FIRST_ID + ((Number) block.get("end")).longValue();
		if (end > IdCodec.MAX_ID) {
			throw new IllegalStateException("Id space of " + this.sequence + " exhausted");
		}
		this.next = end - this.blockSize;
		this.limit = end;
	}

}
