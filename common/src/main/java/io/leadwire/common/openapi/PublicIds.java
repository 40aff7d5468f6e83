package io.leadwire.common.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;

/**
 * The public id (docs/api.md §1 "IDs"): what every id looks like outside the platform.
 */
final class PublicIds {

	static final String NAME = "PublicId";

	private static final String REF = "#/components/schemas/" + NAME;

	private PublicIds() {
	}

	static void register(Components components) {
		components.addSchemas(NAME, new StringSchema().minLength(16)
			.maxLength(17)
			.pattern("^[A-Za-z0-9]{16,17}$")
			// No example value: the reference's "Try it out" would send it as a
			// filter or header.
			.description("An opaque public id (hashids, 16–17 alphanumeric characters, e.g. "
					+ "2fGh8kLmNpQrStUv). Another tenant's id, or a malformed one, answers 404."));
	}

	static Schema<?> one() {
		return new Schema<>().$ref(REF);
	}

	static Schema<?> list() {
		return new ArraySchema().items(one());
	}

}
