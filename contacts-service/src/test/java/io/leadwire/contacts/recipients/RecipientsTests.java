package io.leadwire.contacts.recipients;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.KafkaTemplate;

import io.leadwire.common.context.Environment;
import io.leadwire.contacts.ContactsTestSupport;
import io.leadwire.testing.EventCapture;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recipients for campaigns (the internal contract in docs/contacts-recipients.md), and
 * opt-outs arriving as {@code OptOutRequested} events, delivered twice.
 */
@ServiceTest
class RecipientsTests {

	@LocalServerPort
	int port;

	@Autowired
	KafkaTemplate<String, String> kafka;

	@Autowired
	MongoOperations mongo;

	long tenant;

	HttpJson live;

	@BeforeEach
	void setUp() {
		this.tenant = ContactsTestSupport.newTenant();
		this.live = ContactsTestSupport.as(this.port, this.tenant, Environment.LIVE);
	}

	@Test
	void resolvesGroupsIdsAndPhonesIntoFlaggedRecipientsPageByPage() {
		long group = this.live.post("/v1/contacts/groups", Map.of("name", "G")).data().get("id").asLong();
		List<Long> members = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			members.add(this.live
				.post("/v1/contacts", Map.of("name", "M" + i, "phone", "+25471200080" + i, "groupIds", List.of(group),
						"customFields", Map.of("n", i)))
				.data()
				.get("id")
				.asLong());
		}
		long single = this.live.post("/v1/contacts", Map.of("name", "Single", "phone", "+254712000810"))
			.data()
			.get("id")
			.asLong();
		long known = this.live.post("/v1/contacts", Map.of("name", "Known", "phone", "+254712000811"))
			.data()
			.get("id")
			.asLong();
		this.live.post("/v1/contacts/" + members.get(1) + "/opt-out", null);
		List<String> phones = List.of("254712000800", "0712 000 811", "+254712000812", "254712000812", "not a phone");

		List<JsonNode> recipients = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			Map<String, Object> query = new java.util.HashMap<>(Map.of("group_ids", List.of(group), "contact_ids",
					List.of(single), "phones", phones, "region", "KE", "limit", 3));
			if (cursor != null) {
				query.put("cursor", cursor);
			}
			HttpJson.Response page = this.live.post("/internal/recipients/resolve", query);
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			page.data().get("recipients").forEach(recipients::add);
			JsonNode next = page.data().get("nextCursor");
			cursor = (next == null || next.isNull()) ? null : next.asString();
			pages++;
		}
		while (cursor != null);

		assertThat(pages).isEqualTo(4);
		assertThat(recipients).hasSize(11);
		assertThat(recipients.subList(0, 6)).extracting((r) -> r.get("contactId").asLong())
			.containsExactly(members.get(0), members.get(1), members.get(2), members.get(3), members.get(4), single);
		assertThat(recipients.get(1).get("optedOut").asBoolean()).isTrue();
		assertThat(recipients.get(2).get("customFields").get("n").asInt()).isEqualTo(2);
		JsonNode repeated = recipients.get(6);
		assertThat(repeated.get("duplicate").asBoolean()).as("in the group already").isTrue();
		JsonNode personalised = recipients.get(7);
		assertThat(personalised.get("phone").asString()).isEqualTo("+254712000811");
		assertThat(personalised.get("contactId").asLong()).isEqualTo(known);
		assertThat(personalised.get("name").asString()).isEqualTo("Known");
		assertThat(personalised.get("duplicate").asBoolean()).isFalse();
		assertThat(recipients.get(8).get("duplicate").asBoolean()).isFalse();
		assertThat(recipients.get(9).get("duplicate").asBoolean()).as("same number as the one before").isTrue();
		assertThat(recipients.get(10).get("phone").isNull()).isTrue();
		assertThat(recipients.get(10).get("error").asString()).isNotBlank();

		JsonNode counts = this.live
			.post("/internal/recipients/count",
					Map.of("groupIds", List.of(group), "contactIds", List.of(single), "phones", phones, "region", "KE"))
			.data();
		assertThat(counts.get("total").asLong()).isEqualTo(10);
		assertThat(counts.get("optedOut").asLong()).isEqualTo(1);
		assertThat(counts.get("duplicates").asLong()).isEqualTo(2);
		assertThat(counts.get("invalid").asLong()).isEqualTo(1);
		assertThat(counts.get("sendable").asLong()).isEqualTo(7);
	}

	@Test
	void anotherTenantsGroupIs404AndTheirContactsSelectNobody() {
		HttpJson other = ContactsTestSupport.as(this.port, ContactsTestSupport.newTenant(), Environment.LIVE);
		long theirGroup = other.post("/v1/contacts/groups", Map.of("name", "T")).data().get("id").asLong();
		long theirContact = other.post("/v1/contacts", Map.of("name", "T", "phone", "+254712000900"))
			.data()
			.get("id")
			.asLong();

		assertThat(this.live.post("/internal/recipients/resolve", Map.of("groupIds", List.of(theirGroup))).status())
			.isEqualTo(404);
		JsonNode page = this.live.post("/internal/recipients/resolve", Map.of("contactIds", List.of(theirContact)))
			.data();
		assertThat(page.get("recipients")).isEmpty();
		List<String> tooMany = new ArrayList<>();
		for (int i = 0; i < 10_001; i++) {
			tooMany.add("1");
		}
		assertThat(this.live.post("/internal/recipients/count", Map.of("phones", tooMany)).status()).isEqualTo(422);
		assertThat(
				this.live.post("/internal/recipients/resolve", Map.of("phones", List.of("1"), "cursor", "x")).status())
			.isEqualTo(422);
	}

	@Test
	void anInboundStopDeliveredTwiceOptsThePhoneOutOnce() throws Exception {
		long id = this.live.post("/v1/contacts", Map.of("name", "Stopper", "phone", "+254712000950"))
			.data()
			.get("id")
			.asLong();
		String eventId = UUID.randomUUID().toString();
		String event = "{\"eventId\":\"" + eventId + "\",\"type\":\"OptOutRequested\",\"occurredAt\":"
				+ "\"2026-11-29T10:00:00Z\",\"tenantId\":" + this.tenant + ",\"environment\":\"LIVE\","
				+ "\"payload\":{\"phone\":\"+254712000950\",\"reason\":\"STOP\",\"messageId\":7}}";
		this.kafka.send(new ProducerRecord<>("messaging.events", "session-1", event)).get();
		this.kafka.send(new ProducerRecord<>("messaging.events", "session-1", event)).get();

		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> this.live.get("/v1/contacts/" + id).data().get("optedOut").asBoolean());
		List<JsonNode> published = EventCapture
			.await("contacts.events",
					(e) -> e.get("type").asString().equals("ContactOptedOut")
							&& e.get("payload").get("phone").asString().equals("+254712000950"),
					Duration.ofSeconds(20));
		assertThat(published).hasSize(1);
		org.bson.Document entry = this.mongo.findOne(
				Query.query(Criteria.where("_id").is(this.tenant + "|LIVE|+254712000950")), org.bson.Document.class,
				"suppressions");
		assertThat(entry.getList("_inbox", String.class)).containsExactly(eventId);
	}

}
