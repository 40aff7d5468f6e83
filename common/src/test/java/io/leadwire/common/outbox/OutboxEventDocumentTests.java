package io.leadwire.common.outbox;

import java.time.Instant;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link OutboxEvent#toDocument()} writes what Spring Data's converter writes for the
 * event, so a store may build its outbox update with the driver's documents and the relay
 * reads the same fields either way.
 */
class OutboxEventDocumentTests {

	private final MappingMongoConverter converter = converter();

	@Test
	void theDocumentIsTheConvertersWithAndWithoutTheOptionalFields() {
		Instant at = Instant.parse("2026-12-06T09:30:00.123456Z");
		OutboxEvent full = new OutboxEvent("evt_1", "message.status", "42", "req-7", "{\"type\":\"MessageSent\"}", at,
				Map.of("leadwire-event-type", "MessageSent", "leadwire-campaign", "none"));
		OutboxEvent bare = new OutboxEvent("evt_2", "message.status", "43", null, "{}", at, null);
		for (OutboxEvent event : new OutboxEvent[] { full, bare, full.withHeader("x", "y") }) {
			Object converted = this.converter.convertToMongoType(event);
			assertThat(converted).isInstanceOf(Document.class);
			Document expected = new Document((Document) converted);
			expected.remove("_class");
			assertThat(event.toDocument()).as(event.toString()).isEqualTo(expected);
		}
		assertThat(bare.toDocument()).doesNotContainKeys("requestId", "headers");
		assertThat(full.toDocument().get("createdAt")).isEqualTo(java.util.Date.from(at));
	}

	private static MappingMongoConverter converter() {
		// As Spring Boot sets them up.
		org.springframework.data.mongodb.core.convert.MongoCustomConversions conversions = new org.springframework.data.mongodb.core.convert.MongoCustomConversions(
				java.util.List.of());
		MongoMappingContext context = new MongoMappingContext();
		context.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
		context.afterPropertiesSet();
		MappingMongoConverter converter = new MappingMongoConverter(NoOpDbRefResolver.INSTANCE, context);
		converter.setCustomConversions(conversions);
		converter.afterPropertiesSet();
		return converter;
	}

}
