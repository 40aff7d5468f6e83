package io.leadwire.storefixture.bad;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Repository;

@Repository
class OtherThingStore {

	private final MongoOperations mongo;

	OtherThingStore(MongoOperations mongo) {
		this.mongo = mongo;
	}

	Thing find(String id) {
		return this.mongo.findById(id, Thing.class);
	}

}
