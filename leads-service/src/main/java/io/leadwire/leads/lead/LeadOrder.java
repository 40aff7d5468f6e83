package io.leadwire.leads.lead;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.OptionalLong;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.id.IdCodec;

/**
 * A list order ({@code sort=-createdAt}, {@code name}, …; ties broken by id) and its
 * cursors. A cursor holds the sort key and the last item's sort value and public id, so
 * the next page is a range query on the index: page 10,000 costs what page 1 costs.
 */
record LeadOrder(String key, String field, boolean descending) {

	static final Map<String, LeadOrder> ALL = Map.of("createdAt", new LeadOrder("createdAt", "createdAt", false),
			"-createdAt", new LeadOrder("-createdAt", "createdAt", true), "name", new LeadOrder("name", "name", false),
			"-name", new LeadOrder("-name", "name", true), "score", new LeadOrder("score", "score", false), "-score",
			new LeadOrder("-score", "score", true), "updatedAt", new LeadOrder("updatedAt", "updatedAt", false),
			"-updatedAt", new LeadOrder("-updatedAt", "updatedAt", true));

	static LeadOrder parse(String sort) {
		LeadOrder order = ALL.get((sort == null || sort.isBlank()) ? "-createdAt" : sort.trim());
		if (order == null) {
			throw ApiException.validation("sort",
					"one of " + String.join(", ", ALL.keySet().stream().sorted().toList()));
		}
		return order;
	}

	Sort sort() {
		Sort.Direction direction = this.descending ? Sort.Direction.DESC : Sort.Direction.ASC;
		return Sort.by(direction, this.field, "_id");
	}

	/** The cursor that continues after {@code last}. */
	String cursorAfter(Lead last, IdCodec ids) {
		String value = switch (this.field) {
			case "createdAt" -> Long.toString(last.createdAt().toEpochMilli());
			case "updatedAt" -> Long.toString(last.updatedAt().toEpochMilli());
			case "score" -> Integer.toString(last.score());
			default -> (last.name() != null) ? last.name() : "";
		};
		String text = this.key + '\n' + ids.encode(last.id()) + '\n' + value;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Items after the cursor, in this order; a cursor of another order or garbage is 422.
	 */
	Criteria after(String cursor, IdCodec ids) {
		String[] parts;
		try {
			parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 3);
		}
		catch (IllegalArgumentException ex) {
			throw invalidCursor();
		}
		if (parts.length != 3 || !parts[0].equals(this.key)) {
			throw invalidCursor();
		}
		OptionalLong id = ids.decode(parts[1]);
		if (id.isEmpty()) {
			throw invalidCursor();
		}
		Object value = value(parts[2]);
		Criteria beyond = this.descending ? Criteria.where(this.field).lt(value) : Criteria.where(this.field).gt(value);
		Criteria tie = Criteria.where(this.field).is(value).and("_id");
		tie = this.descending ? tie.lt(id.getAsLong()) : tie.gt(id.getAsLong());
		return new Criteria().orOperator(beyond, tie);
	}

	private Object value(String text) {
		try {
			return switch (this.field) {
				case "createdAt", "updatedAt" -> Instant.ofEpochMilli(Long.parseLong(text));
				case "score" -> Integer.parseInt(text);
				default -> text;
			};
		}
		catch (NumberFormatException ex) {
			throw invalidCursor();
		}
	}

	private static ApiException invalidCursor() {
		return ApiException.validation("cursor", "not a cursor of this list and order");
	}

}
