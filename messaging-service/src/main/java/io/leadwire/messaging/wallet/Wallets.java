package io.leadwire.messaging.wallet;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.PageRequest;
import io.leadwire.common.context.Environment;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.inbox.Inbox;

/**
 * Credits (docs/api.md §5 "wallet"): every message sent with a live key costs
 * {@code costPerMessage} credits from the wallet its tenant spends ({@link WalletOwners}:
 * a partner's client companies spend the partner's), debited once when it is accepted — a
 * conditional write that never takes the balance below zero, keyed by the message id
 * through the inbox, so a retried debit changes nothing — and refunded once if the
 * message fails. Test keys spend nothing. Each movement is also written to the ledger
 * ({@code wallet_ledger}, keyed by the same id, with the wallet and the tenant that
 * spent).
 * <p>
 * The ledger entry follows the balance change in a second write: if the process dies
 * between the two, the balance is right and the ledger misses that entry.
 */
@Repository
public class Wallets {

	static final String WALLETS = "wallets";

	static final String LEDGER = "wallet_ledger";

	private final MongoOperations mongo;

	private final Inbox inbox;

	private final WalletOwners owners;

	private final String currency;

	private final String creditUnitPrice;

	private final long costPerMessage;

	Wallets(MongoOperations mongo, WalletOwners owners,
			@Value("${leadwire.messaging.wallet.currency:XAF}") String currency,
			@Value("${leadwire.messaging.wallet.credit-unit-price:25.0000}") String creditUnitPrice,
			@Value("${leadwire.messaging.wallet.cost-per-message:1}") long costPerMessage) {
		this.mongo = mongo;
		this.inbox = new Inbox(mongo);
		this.owners = owners;
		this.currency = currency;
		this.creditUnitPrice = creditUnitPrice;
		this.costPerMessage = costPerMessage;
	}

	/** The wallet the scope's tenant spends (its partner's, for a client company). */
	WalletView view(TenantScope scope) {
		return viewOf(this.owners.of(scope.tenantId()));
	}

	private WalletView viewOf(long walletId) {
		Query query = Query.query(Criteria.where("_id").is(walletId));
		query.fields().include("balance");
		Document wallet = this.mongo.findOne(query, Document.class, WALLETS);
		long balance = (wallet != null) ? ((Number) wallet.get("balance")).longValue() : 0;
		return new WalletView(balance, this.currency, this.creditUnitPrice, this.costPerMessage);
	}

	/**
	 * Takes a message's cost from the tenant's wallet (live keys only), once per message;
	 * 402 {@code insufficient_credits} when the balance does not cover it.
	 */
	public void debit(TenantScope scope, long messageId) {
		if (scope.environment() != Environment.LIVE || this.costPerMessage == 0) {
			return;
		}
		String key = "debit:" + messageId;
		long walletId = this.owners.of(scope.tenantId());
		Query covered = Query
			.query(Criteria.where("_id").is(walletId).and("balance").gte(this.costPerMessage).and(Inbox.FIELD).ne(key));
		Update take = new Update().inc("balance", -this.costPerMessage)
			.set("updatedAt", Instant.now())
			.push(Inbox.FIELD)
			.slice(-Inbox.WINDOW)
			.each(key);
		if (this.mongo.updateFirst(covered, take, WALLETS).getModifiedCount() == 0) {
			if (this.mongo.exists(Query.query(Criteria.where("_id").is(walletId).and(Inbox.FIELD).is(key)), WALLETS)) {
				return;
			}
			throw new ApiException(402, "insufficient_credits", "The wallet's balance does not cover this message ("
					+ this.costPerMessage + " credit" + ((this.costPerMessage == 1) ? "" : "s") + "): top it up");
		}
		entry(key, walletId, scope.tenantId(), -this.costPerMessage, "message", messageId);
	}

	/**
	 * Debits a batch of the scope's live messages (a poll of campaign messages) in one
	 * conditional write when the wallet covers them all and none was debited before;
	 * otherwise one by one, as {@link #debit} does.
	 * @return the messages the wallet could not cover (they must not be sent)
	 */
	public java.util.Set<Long> debitAll(TenantScope scope, java.util.List<Long> messageIds) {
		if (scope.environment() != Environment.LIVE || this.costPerMessage == 0 || messageIds.isEmpty()) {
			return java.util.Set.of();
		}
		long walletId = this.owners.of(scope.tenantId());
		java.util.List<String> keys = messageIds.stream().map((id) -> "debit:" + id).toList();
		long cost = this.costPerMessage * messageIds.size();
		Query covered = Query
			.query(Criteria.where("_id").is(walletId).and("balance").gte(cost).and(Inbox.FIELD).nin(keys));
		Update take = new Update().inc("balance", -cost)
			.set("updatedAt", Instant.now())
			.push(Inbox.FIELD)
			.slice(-Inbox.WINDOW)
			.each(keys.toArray());
		java.util.Set<Long> refused = new java.util.HashSet<>();
		if (messageIds.size() > 1 && this.mongo.updateFirst(covered, take, WALLETS).getModifiedCount() > 0) {
			java.util.List<Document> entries = new java.util.ArrayList<>();
			for (int i = 0; i < messageIds.size(); i++) {
				entries.add(ledgerEntry(keys.get(i), walletId, scope.tenantId(), -this.costPerMessage, "message",
						messageIds.get(i)));
			}
			io.leadwire.common.mongo.UniqueInserts.insertAll(this.mongo.getCollection(LEDGER), entries);
			return refused;
		}
		for (long messageId : messageIds) {
			try {
				debit(scope, messageId);
			}
			catch (ApiException ex) {
				if (ex.status() != 402) {
					throw ex;
				}
				refused.add(messageId);
			}
		}
		return refused;
	}

	/**
	 * Gives a failed message's cost back, once, to the wallet it was debited from (the
	 * debit's ledger entry names it).
	 */
	public void refund(long tenantId, Environment environment, long messageId) {
		Document debit = (environment != Environment.LIVE) ? null
				: this.mongo.findById("debit:" + messageId, Document.class, LEDGER);
		if (debit == null) {
			return;
		}
		long walletId = ((Number) debit.get("walletId")).longValue();
		String key = "refund:" + messageId;
		if (this.inbox.apply(WALLETS, walletId, key,
				new Update().inc("balance", this.costPerMessage).set("updatedAt", Instant.now()))) {
			entry(key, walletId, tenantId, this.costPerMessage, "refund", messageId);
		}
	}

	/**
	 * Adds credits (platform administration), once per {@code reference}, to the wallet
	 * {@code tenantId} spends: a client company's top-up lands in its partner's wallet.
	 */
	WalletView topUp(long tenantId, long credits, String reference) {
		if (credits < 1 || credits > 100_000_000) {
			throw ApiException.validation("credits", "between 1 and 100,000,000");
		}
		long walletId = this.owners.of(tenantId);
		String key = "topup:" + reference;
		if (this.inbox.apply(WALLETS, walletId, key,
				new Update().inc("balance", credits).set("updatedAt", Instant.now()))) {
			entry(key, walletId, tenantId, credits, "top-up", null);
		}
		return viewOf(walletId);
	}

	/**
	 * The ledger of the wallet the scope spends: all of it for the wallet's owner, only
	 * its own movements for a partner's client company.
	 */
	List<Document> ledger(TenantScope scope, PageRequest page) {
		return this.mongo.find(Query.query(ledgerOf(scope))
			.with(Sort.by(Sort.Direction.DESC, "at", "_id"))
			.skip(page.offset())
			.limit(page.limit()), Document.class, LEDGER);
	}

	long ledgerCount(TenantScope scope) {
		return this.mongo.count(Query.query(ledgerOf(scope)), LEDGER);
	}

	private Criteria ledgerOf(TenantScope scope) {
		long walletId = this.owners.of(scope.tenantId());
		Criteria criteria = Criteria.where("walletId").is(walletId);
		return (walletId == scope.tenantId()) ? criteria : criteria.and("tenantId").is(scope.tenantId());
	}

	private void entry(String key, long walletId, long tenantId, long amount, String reason, Long messageId) {
		try {
			this.mongo.insert(ledgerEntry(key, walletId, tenantId, amount, reason, messageId), LEDGER);
		}
		catch (DuplicateKeyException ex) {
			// Written by an earlier attempt of the same movement.
		}
	}

	private static Document ledgerEntry(String key, long walletId, long tenantId, long amount, String reason,
			Long messageId) {
		return new Document("_id", key).append("walletId", walletId)
			.append("tenantId", tenantId)
			.append("amount", amount)
			.append("reason", reason)
			.append("messageId", messageId)
			.append("at", Date.from(Instant.now()));
	}

}
