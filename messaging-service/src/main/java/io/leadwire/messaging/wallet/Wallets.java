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
import org.springframework.stereotype.Service;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.PageRequest;
import io.leadwire.common.context.Environment;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.inbox.Inbox;

/**
 * Credits (API.md §5 "wallet"): every message sent with a live key costs
 * {@code costPerMessage} credits, debited once when it is accepted — a conditional write
 * that never takes the balance below zero, keyed by the message id through the inbox, so
 * a retried debit changes nothing — and refunded once if the message fails. Test keys
 * spend nothing. Each movement is also written to the ledger ({@code wallet_ledger},
 * keyed by the same id).
 * <p>
 * The ledger entry follows the balance change in a second write: if the process dies
 * between the two, the balance is right and the ledger misses that entry.
 */
@Service
public class Wallets {

	static final String WALLETS = "wallets";

	static final String LEDGER = "wallet_ledger";

	private final MongoOperations mongo;

	private final Inbox inbox;

	private final String currency;

	private final String creditUnitPrice;

	private final long costPerMessage;

	Wallets(MongoOperations mongo, @Value("${leadwire.messaging.wallet.currency:XAF}") String currency,
			@Value("${leadwire.messaging.wallet.credit-unit-price:25.0000}") String creditUnitPrice,
			@Value("${leadwire.messaging.wallet.cost-per-message:1}") long costPerMessage) {
		this.mongo = mongo;
		this.inbox = new Inbox(mongo);
		this.currency = currency;
		this.creditUnitPrice = creditUnitPrice;
		this.costPerMessage = costPerMessage;
	}

	WalletView view(TenantScope scope) {
		Query query = Query.query(Criteria.where("_id").is(scope.tenantId()));
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
		Query covered = Query.query(Criteria.where("_id")
			.is(scope.tenantId())
			.and("balance")
			.gte(this.costPerMessage)
			.and(Inbox.FIELD)
			.ne(key));
		Update take = new Update().inc("balance", -this.costPerMessage)
			.set("updatedAt", Instant.now())
			.push(Inbox.FIELD)
			.slice(-Inbox.WINDOW)
			.each(key);
		if (this.mongo.updateFirst(covered, take, WALLETS).getModifiedCount() == 0) {
			if (this.mongo.exists(Query.query(Criteria.where("_id").is(scope.tenantId()).and(Inbox.FIELD).is(key)),
					WALLETS)) {
				return;
			}
			throw new ApiException(402, "insufficient_credits", "The wallet's balance does not cover this message ("
					+ this.costPerMessage + " credit" + ((this.costPerMessage == 1) ? "" : "s") + "): top it up");
		}
		entry(key, scope.tenantId(), -this.costPerMessage, "message", messageId);
	}

	/** Gives a failed message's cost back, once, if it was debited. */
	public void refund(long tenantId, Environment environment, long messageId) {
		if (environment != Environment.LIVE
				|| !this.mongo.exists(Query.query(Criteria.where("_id").is("debit:" + messageId)), LEDGER)) {
			return;
		}
		String key = "refund:" + messageId;
		if (this.inbox.apply(WALLETS, tenantId, key,
				new Update().inc("balance", this.costPerMessage).set("updatedAt", Instant.now()))) {
			entry(key, tenantId, this.costPerMessage, "refund", messageId);
		}
	}

	/** Adds credits (platform administration), once per {@code reference}. */
	WalletView topUp(long tenantId, long credits, String reference) {
		if (credits < 1 || credits > 100_000_000) {
			throw ApiException.validation("credits", "between 1 and 100,000,000");
		}
		String key = "topup:" + reference;
		if (this.inbox.apply(WALLETS, tenantId, key,
				new Update().inc("balance", credits).set("updatedAt", Instant.now()))) {
			entry(key, tenantId, credits, "top-up", null);
		}
		return view(new TenantScope(tenantId, Environment.LIVE));
	}

	List<Document> ledger(TenantScope scope, PageRequest page) {
		return this.mongo.find(Query.query(Criteria.where("walletId").is(scope.tenantId()))
			.with(Sort.by(Sort.Direction.DESC, "at", "_id"))
			.skip(page.offset())
			.limit(page.limit()), Document.class, LEDGER);
	}

	long ledgerCount(TenantScope scope) {
		return this.mongo.count(Query.query(Criteria.where("walletId").is(scope.tenantId())), LEDGER);
	}

	private void entry(String key, long walletId, long amount, String reason, Long messageId) {
		try {
			this.mongo.insert(new Document("_id", key).append("walletId", walletId)
				.append("amount", amount)
				.append("reason", reason)
				.append("messageId", messageId)
				.append("at", Date.from(Instant.now())), LEDGER);
		}
		catch (DuplicateKeyException ex) {
			// Written by an earlier attempt of the same movement.
		}
	}

}
