package io.leadwire.storefixture.bad;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Repository;

@Repository
class ThingStore {

	private final MongoOperations mongo;

	ThingStore(MongoOperations mongo) {
		this.mongo = mongo;
	}

	Thing find(String id) {
		return this.mongo.findById(id, Thing.class);
	}

}
