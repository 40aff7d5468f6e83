package io.leadwire.common.job;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import io.leadwire.common.api.JobStatus;

/**
 * Ownership of long jobs across replicas, in the job's own document: a job is claimed
 * atomically ({@code findAndModify}: queued, or running with an expired lease → running,
 * {@value #OWNER} = this replica, {@value #LEASE_UNTIL} = now + lease), every write its
 * owner makes afterwards is conditioned on still owning it, and only a job whose lease
 * expired can be taken by another replica. Progress is written as absolute values with
 * the lease's renewal, so a job resumed elsewhere never counts anything twice.
 */
public final class JobLeases {

	public static final String OWNER = "owner";

	public static final String LEASE_UNTIL = "leaseUntil";

	private final MongoOperations mongo;

	private final String owner;

	private final Duration lease;

	private final Clock clock;

	public JobLeases(MongoOperations mongo, String owner, Duration lease, Clock clock) {
		this.mongo = mongo;
		this.owner = owner;
		this.lease = lease;
		this.clock = clock;
	}

	/** A name for this process that no other replica has: host, pid and a random part. */
	public static String replicaId() {
		return ManagementFactory.getRuntimeMXBean().getName() + ":"
				+ Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 16));
	}

	public String owner() {
		return this.owner;
	}

	public Duration lease() {
		return this.lease;
	}

	/** The collection jobs of {@code type} live in (its {@code @Document}'s). */
	public String collectionOf(Class<?> type) {
		return this.mongo.getCollectionName(type);
	}

	/** Claims job {@code id} if it is queued or its lease expired; null otherwise. */
	public <T> T claim(Class<T> type, Object id) {
		return claim(type, collectionOf(type), id);
	}

	/** {@link #claim(Class, Object)} for jobs stored in {@code collection}. */
	public <T> T claim(Class<T> type, String collection, Object id) {
		return this.mongo.findAndModify(Query.query(Criteria.where("_id").is(id).andOperator(claimable())), claimed(),
				FindAndModifyOptions.options().returnNew(true), type, collection);
	}

	/** Claims the oldest claimable job of {@code type}; null when there is none. */
	public <T> T claimNext(Class<T> type) {
		return claimNext(type, collectionOf(type));
	}

	/** {@link #claimNext(Class)} for jobs stored in {@code collection}. */
	public <T> T claimNext(Class<T> type, String collection) {
		return this.mongo.findAndModify(
				Query.query(claimable()).with(Sort.by(Sort.Order.asc("createdAt"), Sort.Order.asc("_id"))), claimed(),
				FindAndModifyOptions.options().returnNew(true), type, collection);
	}

	/** Whether a job of {@code type} waits to be claimed. */
	public boolean anyClaimable(Class<?> type) {
		return this.mongo.exists(Query.query(claimable()), type);
	}

	/**
	 * Writes {@code progress} and renews the lease, if this replica still owns the job.
	 * @return false if the lease was lost (another replica owns the job now): stop
	 */
	public boolean checkpoint(Class<?> type, Object id, Update progress) {
		return checkpoint(collectionOf(type), id, progress);
	}

	/**
	 * {@link #checkpoint(Class, Object, Update)} for a job stored in {@code collection}.
	 */
	public boolean checkpoint(String collection, Object id, Update progress) {
		Instant now = this.clock.instant();
		progress.set(LEASE_UNTIL, now.plus(this.lease)).set("updatedAt", now);
		return this.mongo.updateFirst(owned(id), progress, collection).getMatchedCount() > 0;
	}

	/**
	 * Renews the leases of the jobs this replica runs (a heartbeat between checkpoints).
	 */
	public long renew(Class<?> type, Collection<?> ids) {
		return renew(collectionOf(type), ids);
	}

	/** {@link #renew(Class, Collection)} for jobs stored in {@code collection}. */
	public long renew(String collection, Collection<?> ids) {
		if (ids.isEmpty()) {
			return 0;
		}
		return this.mongo
			.updateMulti(Query.query(Criteria.where("_id").in(ids).and(OWNER).is(this.owner)),
					new Update().set(LEASE_UNTIL, this.clock.instant().plus(this.lease)), collection)
			.getMatchedCount();
	}

	/**
	 * Ends the job with {@code status} and {@code fields}, if this replica still owns it.
	 */
	public boolean finish(Class<?> type, Object id, JobStatus status, Update fields) {
		return finish(collectionOf(type), id, status, fields);
	}

	/**
	 * {@link #finish(Class, Object, JobStatus, Update)} for a job in {@code collection}.
	 */
	public boolean finish(String collection, Object id, JobStatus status, Update fields) {
		Instant now = this.clock.instant();
		fields.set("status", status).set("finishedAt", now).set("updatedAt", now).unset(LEASE_UNTIL);
		return this.mongo.updateFirst(owned(id), fields, collection).getMatchedCount() > 0;
	}

	/**
	 * Gives the job back at once (this replica cannot run it now): any replica may claim
	 * it.
	 */
	public void release(Class<?> type, Object id) {
		release(collectionOf(type), id);
	}

	/** {@link #release(Class, Object)} for a job stored in {@code collection}. */
	public void release(String collection, Object id) {
		this.mongo.updateFirst(owned(id), new Update().set(LEASE_UNTIL, this.clock.instant()), collection);
	}

	private Query owned(Object id) {
		return Query.query(Criteria.where("_id").is(id).and(OWNER).is(this.owner).and("status").is(JobStatus.RUNNING));
	}

	private Criteria claimable() {
		Instant now = this.clock.instant();
		return new Criteria().orOperator(Criteria.where("status").is(JobStatus.QUEUED),
				Criteria.where("status").is(JobStatus.RUNNING).and(LEASE_UNTIL).lt(now),
				Criteria.where("status").is(JobStatus.RUNNING).and(LEASE_UNTIL).exists(false));
	}

	private Update claimed() {
		Instant now = this.clock.instant();
		return new Update().set("status", JobStatus.RUNNING)
			.set(OWNER, this.owner)
			.set(LEASE_UNTIL, now.plus(this.lease))
			.set("updatedAt", now)
			.min("startedAt", now);
	}

}
