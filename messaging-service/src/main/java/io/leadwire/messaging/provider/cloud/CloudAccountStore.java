package io.leadwire.messaging.provider.cloud;

import java.util.Optional;

import org.bson.Document;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import io.leadwire.common.crypto.SecretBox;

/**
 * The Meta accounts Cloud sessions connect ({@code cloud_accounts}, by session name):
 * WABA id, phone-number id (unique: webhooks name it) and the access token, sealed.
 */
public final class CloudAccountStore {

	static final String COLLECTION = "cloud_accounts";

	private final MongoOperations mongo;

	private final SecretBox secrets;

	public CloudAccountStore(MongoOperations mongo, SecretBox secrets) {
		this.mongo = mongo;
		this.secrets = secrets;
		mongo.indexOps(COLLECTION)
			.createIndex(new Index("phoneNumberId", org.springframework.data.domain.Sort.Direction.ASC).unique()
				.named("phone_number_id"));
	}

	/** A Cloud account as the adapter uses it. */
	public record Account(String providerSession, String wabaId, String phoneNumberId, String accessToken) {
	}

	void save(Account account) {
		this.mongo.save(new Document("_id", account.providerSession()).append("wabaId", account.wabaId())
			.append("phoneNumberId", account.phoneNumberId())
			.append("accessToken", this.secrets.seal(account.accessToken())), COLLECTION);
	}

	Optional<Account> bySession(String providerSession) {
		return Optional.ofNullable(this.mongo.findById(providerSession, Document.class, COLLECTION)).map(this::read);
	}

	/** The session a webhook's {@code metadata.phone_number_id} belongs to. */
	public Optional<String> sessionOf(String phoneNumberId) {
		return Optional
			.ofNullable(this.mongo.findOne(Query.query(Criteria.where("phoneNumberId").is(phoneNumberId)),
					Document.class, COLLECTION))
			.map((document) -> document.getString("_id"));
	}

	void delete(String providerSession) {
		this.mongo.remove(Query.query(Criteria.where("_id").is(providerSession)), COLLECTION);
	}

	private Account read(Document document) {
		return new Account(document.getString("_id"), document.getString("wabaId"), document.getString("phoneNumberId"),
				this.secrets.open(document.getString("accessToken")));
	}

}
