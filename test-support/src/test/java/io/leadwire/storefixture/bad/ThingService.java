package io.leadwire.storefixture.bad;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Service;

@Service
class ThingService {

	private final MongoOperations mongo;

	ThingService(MongoOperations mongo) {
		this.mongo = mongo;
	}

	Thing get(String id) {
		return this.mongo.findById(id, Thing.class);
	}

}
