package io.leadwire.gateway.ids;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import io.leadwire.common.api.ApiResponse.FieldError;
import io.leadwire.common.id.IdCodec;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites the declared id fields of a JSON tree in place: public ids to internal ones on
 * the way in, internal ids to public ones on the way out. Nested objects and arrays are
 * walked, except the customer's free-form maps ({@link #OPAQUE}). On the way in a
 * declared field holds a public id string (or an array of them, or null): a number there
 * is an internal id and is refused, never passed on.
 */
public final class JsonIdRewriter {

	/**
	 * Free-form maps whose keys are the customer's, never ours: a custom field named
	 * {@code id} is the customer's data, not a platform id, both ways.
	 */
	static final Set<String> OPAQUE = Set.of("customFields", "custom_fields");

	private final IdCodec codec;

	public JsonIdRewriter(IdCodec codec) {
		this.codec = codec;
	}

	/**
	 * Encodes every integral value of a declared field (or array of them) as a public id.
	 */
	public void encode(JsonNode node, Set<String> fields) {
		encode(node, fields, Set.of());
	}

	/**
	 * As {@link #encode(JsonNode, Set)}, leaving the service's {@code opaque} subtrees
	 * (its customers' own ids: a list row's {@code id}) untouched.
	 */
	public void encode(JsonNode node, Set<String> fields, Set<String> opaque) {
		if (node instanceof ObjectNode object) {
			for (Map.Entry<String, JsonNode> entry : object.properties()) {
				JsonNode value = entry.getValue();
				if (OPAQUE.contains(entry.getKey()) || opaque.contains(entry.getKey())) {
					continue;
				}
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
				encode(value, fields, opaque);
			}
		}
		else if (node instanceof ArrayNode array) {
			for (JsonNode item : array) {
				encode(item, fields, opaque);
			}
		}
	}

	/**
	 * What {@link #encode(JsonNode, Set)} does, on the bytes as they are read, without a
	 * tree: the response path of every request runs this. Returns {@code body} unchanged
	 * if it is not one well-formed JSON value.
	 */
	public byte[] encode(byte[] body, Set<String> fields, ObjectMapper json) {
		return encode(body, fields, Set.of(), json);
	}

	/** As {@link #encode(byte[], Set, ObjectMapper)}, leaving {@code opaque} subtrees. */
	public byte[] encode(byte[] body, Set<String> fields, Set<String> opaque, ObjectMapper json) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
		try (JsonParser parser = json.createParser(body); JsonGenerator generator = json.createGenerator(out)) {
			if (parser.nextToken() == null) {
				return body;
			}
			copy(parser, generator, fields, opaque, false);
			if (parser.nextToken() != null) {
				return body;
			}
		}
		catch (JacksonException ex) {
			return body;
		}
		return out.toByteArray();
	}

	/** Copies the value at the parser, encoding it if it is an id of a declared field. */
	private void copy(JsonParser parser, JsonGenerator generator, Set<String> fields, Set<String> opaque,
			boolean declared) {
		switch (parser.currentToken()) {
			case START_OBJECT -> {
				generator.writeStartObject();
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String name = parser.currentName();
					generator.writeName(name);
					boolean idField = fields.contains(name);
					JsonToken next = parser.nextToken();
					if (OPAQUE.contains(name) || opaque.contains(name)) {
						generator.copyCurrentStructure(parser);
					}
					else if (next == JsonToken.START_ARRAY && idField) {
						copyIdArray(parser, generator);
					}
					else {
						copy(parser, generator, fields, opaque, idField);
					}
				}
				generator.writeEndObject();
			}
			case START_ARRAY -> {
				generator.writeStartArray();
				while (parser.nextToken() != JsonToken.END_ARRAY) {
					copy(parser, generator, fields, opaque, false);
				}
				generator.writeEndArray();
			}
			case VALUE_NUMBER_INT -> {
				if (declared && isInternalId(parser)) {
					generator.writeString(this.codec.encode(parser.getLongValue()));
				}
				else {
					generator.copyCurrentEvent(parser);
				}
			}
			default -> generator.copyCurrentEvent(parser);
		}
	}

	/**
	 * An array held by a declared field: its integral items are ids; anything nested in
	 * it is copied as it is (as the tree version does).
	 */
	private void copyIdArray(JsonParser parser, JsonGenerator generator) {
		generator.writeStartArray();
		for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
			if (token == JsonToken.VALUE_NUMBER_INT && isInternalId(parser)) {
				generator.writeString(this.codec.encode(parser.getLongValue()));
			}
			else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
				generator.copyCurrentStructure(parser);
			}
			else {
				generator.copyCurrentEvent(parser);
			}
		}
		generator.writeEndArray();
	}

	private static boolean isInternalId(JsonParser parser) {
		JsonParser.NumberType type = parser.getNumberType();
		if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
			return false;
		}
		long value = parser.getLongValue();
		return value >= 0 && value <= IdCodec.MAX_ID;
	}

	/**
	 * Decodes declared fields in place; returns the fields that did not hold valid public
	 * ids.
	 */
	public List<FieldError> decode(JsonNode node, Set<String> fields) {
		return decode(node, fields, Set.of());
	}

	/** As {@link #decode(JsonNode, Set)}, leaving {@code opaque} subtrees untouched. */
	public List<FieldError> decode(JsonNode node, Set<String> fields, Set<String> opaque) {
		List<FieldError> errors = new ArrayList<>();
		decode(node, fields, opaque, "", errors);
		return errors;
	}

	private void decode(JsonNode node, Set<String> fields, Set<String> opaque, String path, List<FieldError> errors) {
		if (node instanceof ObjectNode object) {
			for (Map.Entry<String, JsonNode> entry : object.properties()) {
				String field = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
				JsonNode value = entry.getValue();
				if (OPAQUE.contains(entry.getKey()) || opaque.contains(entry.getKey())) {
					continue;
				}
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
					if (value instanceof ArrayNode array) {
						decodeArray(array, field, errors);
						continue;
					}
					if (!value.isNull() && !value.isObject()) {
						errors.add(new FieldError(field, "must be an id string"));
						continue;
					}
				}
				decode(value, fields, opaque, field, errors);
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				decode(array.get(i), fields, opaque, path + "[" + i + "]", errors);
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

	/** Every item of a declared field's array must be a public id string. */
	private void decodeArray(ArrayNode array, String field, List<FieldError> errors) {
		for (int i = 0; i < array.size(); i++) {
			if (!array.get(i).isString()) {
				errors.add(new FieldError(field + "[" + i + "]", "must be an id string"));
				continue;
			}
			OptionalLong id = this.codec.decode(array.get(i).asString());
			if (id.isPresent()) {
				array.set(i, array.numberNode(id.getAsLong()));
			}
			else {
				errors.add(new FieldError(field + "[" + i + "]", "Unknown id"));
			}
		}
	}

	private static boolean isInternalId(JsonNode value) {
		return value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= 0
				&& value.asLong() <= IdCodec.MAX_ID;
	}

}
