package io.leadwire.gateway.ids;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import io.leadwire.common.api.ApiResponse.FieldError;
import io.leadwire.common.id.IdCodec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites the declared id fields of a JSON tree in place: public ids to internal ones on
 * the way in, internal ids to public ones on the way out. Nested objects and arrays are
 * walked.
 */
public final class JsonIdRewriter {

	private final IdCodec codec;

	public JsonIdRewriter(IdCodec codec) {
		this.codec = codec;
	}

	/**
	 * Encodes every integral value of a declared field (or array of them) as a public id.
	 */
	public void encode(JsonNode node, Set<String> fields) {
		if (node instanceof ObjectNode object) {
			for (Map.Entry<String, JsonNode> entry : object.properties()) {
				JsonNode value = entry.getValue();
				if (fields.contains(entry.getKey())) {
					if (isInternalId(value)) {
						object.set(entry.getKey(), object.stringNode(this.codec.encode(value.asLong())));
						continue;
					}
					if (value instanceof ArrayNode array) {
						encodeArray(array);
						continue;
					}
				}
				encode(value, fields);
			}
		}
		else if (node instanceof ArrayNode array) {
			for (JsonNode item : array) {
				encode(item, fields);
			}
		}
	}

	/**
	 * Decodes declared fields in place; returns the fields that did not hold valid public
	 * ids.
	 */
	public List<FieldError> decode(JsonNode node, Set<String> fields) {
		List<FieldError> errors = new ArrayList<>();
		decode(node, fields, "", errors);
		return errors;
	}

	private void decode(JsonNode node, Set<String> fields, String path, List<FieldError> errors) {
		if (node instanceof ObjectNode object) {
			for (Map.Entry<String, JsonNode> entry : object.properties()) {
				String field = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
				JsonNode value = entry.getValue();
				if (fields.contains(entry.getKey())) {
					if (value.isString()) {
						OptionalLong id = this.codec.decode(value.asString());
						if (id.isPresent()) {
							object.set(entry.getKey(), object.numberNode(id.getAsLong()));
						}
						else {
							errors.add(new FieldError(field, "Unknown id"));
						}
						continue;
					}
					if (value instanceof ArrayNode array && isArrayOfStrings(array)) {
						decodeArray(array, field, errors);
						continue;
					}
					if (!value.isNull() && !value.isContainer()) {
						errors.add(new FieldError(field, "must be an id string"));
						continue;
					}
				}
				decode(value, fields, field, errors);
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				decode(array.get(i), fields, path + "[" + i + "]", errors);
			}
		}
	}

	private void encodeArray(ArrayNode array) {
		for (int i = 0; i < array.size(); i++) {
			if (isInternalId(array.get(i))) {
				array.set(i, array.stringNode(this.codec.encode(array.get(i).asLong())));
			}
		}
	}

	private void decodeArray(ArrayNode array, String field, List<FieldError> errors) {
		for (int i = 0; i < array.size(); i++) {
			OptionalLong id = this.codec.decode(array.get(i).asString());
			if (id.isPresent()) {
				array.set(i, array.numberNode(id.getAsLong()));
			}
			else {
				errors.add(new FieldError(field + "[" + i + "]", "Unknown id"));
			}
		}
	}

	private static boolean isArrayOfStrings(ArrayNode array) {
		for (JsonNode item : array) {
			if (!item.isString()) {
				return false;
			}
		}
		return true;
	}

	private static boolean isInternalId(JsonNode value) {
		return value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= 0
				&& value.asLong() <= IdCodec.MAX_ID;
	}

}
