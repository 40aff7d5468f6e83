package io.leadwire.storefixture.good;

import org.springframework.stereotype.Service;

@Service
class ThingService {

	private final ThingStore store;

	ThingService(ThingStore store) {
		this.store = store;
	}

	Thing get(String id) {
		return this.store.find(id);
	}

}
