package io.leadwire.common.event;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import io.leadwire.common.context.Environment;
import io.leadwire.common.outbox.OutboxEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event the outbox writes carries its type, tenant and environment as record
 * headers, and a consumer passes over by them only what it can tell from them.
 */
class EventHeadersTests {

	@Test
	void anOutboxEventCarriesItsEnvelopesTypeTenantAndEnvironment() {
		EventEnvelope<Map<String, Object>> envelope = EventEnvelope.of("MessageRead", 42L, Environment.TEST, "req-1",
				Map.of("messageId", 7));
		OutboxEvent event = OutboxEvent.of("message.status", "7", envelope, JsonMapper.builder().build());
		assertThat(event.headers()).containsExactly(Map.entry(EventHeaders.TYPE, "MessageRead"),
				Map.entry(EventHeaders.TENANT, "42"), Map.entry(EventHeaders.ENVIRONMENT, "TEST"));
		assertThat(event.toDocument().get("headers", org.bson.Document.class)).containsEntry(EventHeaders.TENANT, "42");

		ConsumerRecord<String, String> record = record(event.headers());
		assertThat(EventHeaders.tenant(record)).isEqualTo(42L);
		assertThat(EventHeaders.environment(record)).isEqualTo(Environment.TEST);
		assertThat(EventHeaders.passOver(record, Set.of("MessageRead"))).isFalse();
		assertThat(EventHeaders.passOver(record, Set.of("MessageFailed"))).isTrue();
	}

	@Test
	void aPlatformEventWithoutTenantHasOnlyItsTypeAndARecordWithoutHeadersIsRead() {
		EventEnvelope<Map<String, Object>> envelope = EventEnvelope.of("KeysUsed", null, null, null, Map.of());
		assertThat(EventHeaders.of(envelope)).containsExactly(Map.entry(EventHeaders.TYPE, "KeysUsed"));

		ConsumerRecord<String, String> bare = record(Map.of());
		assertThat(EventHeaders.passOver(bare, Set.of("MessageFailed"))).as("its value says").isFalse();
		assertThat(EventHeaders.tenant(bare)).isNull();
		assertThat(EventHeaders.environment(bare)).isNull();

		ConsumerRecord<String, String> odd = record(
				Map.of(EventHeaders.TENANT, "t-1", EventHeaders.ENVIRONMENT, "staging"));
		assertThat(EventHeaders.tenant(odd)).isNull();
		assertThat(EventHeaders.environment(odd)).isNull();
	}

	private static ConsumerRecord<String, String> record(Map<String, String> headers) {
		ConsumerRecord<String, String> record = new ConsumerRecord<>("message.status", 0, 0L, "7", "{}");
		headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
		return record;
	}

}
