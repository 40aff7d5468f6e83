package io.leadwire.contacts.contact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.leadwire.common.context.Environment;
import io.leadwire.contacts.ContactsTestSupport;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contacts and groups against the real broker and the MongoDB wire server (ids are the
 * internal ones here: the gateway encodes them, tested end to end in e2e-tests).
 */
@ServiceTest
class ContactApiTests {

	@LocalServerPort
	int port;

	HttpJson live;

	HttpJson other;

	HttpJson test;

	@BeforeEach
	void setUp() {
		long tenant = ContactsTestSupport.newTenant();
		this.live = ContactsTestSupport.as(this.port, tenant, Environment.LIVE);
		this.test = ContactsTestSupport.as(this.port, tenant, Environment.TEST);
		this.other = ContactsTestSupport.as(this.port, ContactsTestSupport.newTenant(), Environment.LIVE);
	}

	@Test
	void createNormalisesThePhoneAndAnswers201WithAnETag() {
		HttpJson.Response created = this.live.post("/v1/contacts",
				Map.of("name", "John Doe", "phone", "254712345678", "email", "John@Example.com"));

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode contact = created.data();
		assertThat(contact.get("phone").asString()).isEqualTo("+254712345678");
		assertThat(contact.get("email").asString()).isEqualTo("john@example.com");
		assertThat(contact.get("isFavorite").asBoolean()).isFalse();
		assertThat(contact.get("optedOut").asBoolean()).isFalse();
		assertThat(created.header("ETag")).isEqualTo("\"0\"");
		HttpJson.Response read = this.live.get("/v1/contacts/" + contact.get("id").asLong());
		assertThat(read.data().get("name").asString()).isEqualTo("John Doe");
	}

	@Test
	void aSecondContactWithThePhoneIs409DuplicatePhoneInAnyWritingOfIt() {
		assertThat(this.live.post("/v1/contacts", Map.of("name", "A", "phone", "+254712345678")).status())
			.isEqualTo(201);

		HttpJson.Response again = this.live.post("/v1/contacts", Map.of("name", "B", "phone", "0712 345 678x"));
		assertThat(again.status()).isEqualTo(422);
		HttpJson.Response same = this.live.post("/v1/contacts", Map.of("name", "B", "phone", "254 712 345 678"));
		assertThat(same.status()).as(same.body()).isEqualTo(409);
		assertThat(same.code()).isEqualTo("duplicate_phone");
		// Another environment and another tenant have phones of their own.
		assertThat(this.test.post("/v1/contacts", Map.of("name", "A", "phone", "+254712345678")).status())
			.isEqualTo(201);
		assertThat(this.other.post("/v1/contacts", Map.of("name", "A", "phone", "+254712345678")).status())
			.isEqualTo(201);
	}

	@Test
	void twentyConcurrentCreatesOfOneNumberMakeOneContact() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(20);
		try {
			List<Callable<Integer>> creates = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				String phone = (i % 2 == 0) ? "+254700000001" : "254700000001";
				int n = i;
				creates.add(() -> this.live.post("/v1/contacts", Map.of("name", "C" + n, "phone", phone)).status());
			}
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> status : pool.invokeAll(creates)) {
				statuses.add(status.get());
			}
			assertThat(statuses).filteredOn((status) -> status == 201).hasSize(1);
			assertThat(statuses).filteredOn((status) -> status == 409).hasSize(19);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(total(this.live.get("/v1/contacts?search=254700000001"))).isEqualTo(1);
	}

	@Test
	void badInputIsA4xxNamingTheField() {
		assertField(this.live.post("/v1/contacts", Map.of("phone", "+254712345678")), 422, "name");
		assertField(this.live.post("/v1/contacts", Map.of("name", "A")), 422, "phone");
		assertField(this.live.post("/v1/contacts", Map.of("name", "A", "phone", "+254712345679", "email", "nope")), 422,
				"email");
		assertField(this.live.post("/v1/contacts", Map.of("name", "x".repeat(201), "phone", "+254712345679")), 422,
				"name");
		assertField(this.live.post("/v1/contacts", "{\"name\":\"A\",\"phone\":{}}"), 400, "phone");
		assertField(
				this.live.post("/v1/contacts", "{\"name\":\"A\",\"phone\":\"+254712345679\",\"is_favorite\":\"x\"}"),
				400, "isFavorite");
		assertField(this.live.post("/v1/contacts", "{\"name\":"), 400, null);
		Map<String, Object> custom = new java.util.LinkedHashMap<>();
		for (int i = 0; i < 51; i++) {
			custom.put("f" + i, "v");
		}
		assertField(
				this.live.post("/v1/contacts", Map.of("name", "A", "phone", "+254712345679", "customFields", custom)),
				422, "customFields");
		assertField(
				this.live.post("/v1/contacts",
						Map.of("name", "A", "phone", "+254712345679", "customFields", Map.of("a.b", "v"))),
				422, "customFields.a.b");
		assertField(this.live.post("/v1/contacts", Map.of("name", "A", "phone", "+254712345679", "group_id", 12345)),
				404, null);
		assertThat(this.live.get("/v1/contacts?limit=101").status()).isEqualTo(422);
		assertThat(this.live.get("/v1/contacts?cursor=garbage").status()).isEqualTo(422);
		assertThat(this.live.get("/v1/contacts?favorite=perhaps").status()).isEqualTo(400);
		assertThat(this.live.get("/v1/contacts/123456789").status()).isEqualTo(404);
	}

	@Test
	void updatesWriteOnlyTheFieldsSentAndHonourIfMatch() {
		long id = create("Jane", "+254712000001").get("id").asLong();

		HttpJson.Response patched = this.live.patch("/v1/contacts/" + id, Map.of("email", "jane@example.com"));
		assertThat(patched.data().get("name").asString()).isEqualTo("Jane");
		assertThat(patched.header("ETag")).isEqualTo("\"1\"");
		HttpJson.Response put = this.live.post("/v1/contacts/" + id,
				Map.of("_method", "PUT", "name", "Jane Roe", "phone", "254712000002"));
		assertThat(put.status()).as(put.body()).isEqualTo(200);
		assertThat(put.data().get("phone").asString()).isEqualTo("+254712000002");
		assertThat(put.data().get("email").asString()).isEqualTo("jane@example.com");

		HttpJson.Response stale = this.live.header("If-Match", "\"1\"")
			.patch("/v1/contacts/" + id, Map.of("name", "X"));
		assertThat(stale.status()).isEqualTo(412);
		assertThat(stale.code()).isEqualTo("precondition_failed");
		HttpJson.Response cleared = this.live.patch("/v1/contacts/" + id, "{\"email\":null}");
		assertThat(cleared.data().get("email").isNull()).isTrue();
		assertField(this.live.patch("/v1/contacts/" + id, "{\"phone\":null}"), 422, "phone");
		// The old phone is free again, the new one is taken.
		assertThat(this.live.post("/v1/contacts", Map.of("name", "Old", "phone", "+254712000001")).status())
			.isEqualTo(201);
		assertThat(this.live.patch("/v1/contacts/" + id, Map.of("phone", "+254712000001")).code())
			.isEqualTo("duplicate_phone");
	}

	@Test
	void anotherTenantsContactIsNotFoundAndNeverTouched() {
		long id = create("Mine", "+254712000010").get("id").asLong();

		assertThat(this.other.get("/v1/contacts/" + id).status()).isEqualTo(404);
		assertThat(this.other.patch("/v1/contacts/" + id, Map.of("name", "Theirs")).status()).isEqualTo(404);
		assertThat(this.other.delete("/v1/contacts/" + id).status()).isEqualTo(404);
		assertThat(this.other.post("/v1/contacts/" + id + "/favorite", null).status()).isEqualTo(404);
		assertThat(this.other.post("/v1/contacts/" + id + "/opt-out", null).status()).isEqualTo(404);
		assertThat(this.test.get("/v1/contacts/" + id).status()).isEqualTo(404);
		HttpJson.Response bulk = this.other.post("/v1/contacts/bulk-delete", Map.of("ids", List.of(id)));
		assertThat(bulk.data().get("deleted").asInt()).isZero();
		assertThat(bulk.data().get("notFoundIds").get(0).asLong()).isEqualTo(id);
		JsonNode mine = this.live.get("/v1/contacts/" + id).data();
		assertThat(mine.get("name").asString()).isEqualTo("Mine");
		assertThat(mine.get("isFavorite").asBoolean()).isFalse();
		assertThat(mine.get("optedOut").asBoolean()).isFalse();
	}

	@Test
	void favoriteToggles() {
		long id = create("Fav", "+254712000020").get("id").asLong();

		assertThat(this.live.post("/v1/contacts/" + id + "/favorite", null).data().get("isFavorite").asBoolean())
			.isTrue();
		assertThat(this.live.get("/v1/contacts?favorite=true").data()).hasSize(1);
		assertThat(
				this.live.post("/v1/contacts/toggle-favorite", Map.of("id", id)).data().get("isFavorite").asBoolean())
			.isFalse();
		assertThat(this.live.get("/v1/contacts?favorite=true").data()).isEmpty();
	}

	@Test
	void groupsKeepTheirContactCountRightThroughEveryChange() {
		long vip = this.live.post("/v1/contacts/groups", Map.of("name", "VIP Customers", "color", "#ff5733"))
			.data()
			.get("id")
			.asLong();
		long other = this.live.post("/v1/contacts/groups/create", Map.of("name", "Others")).data().get("id").asLong();
		long a = this.live.post("/v1/contacts", Map.of("name", "A", "phone", "+254712000031", "group_id", vip))
			.data()
			.get("id")
			.asLong();
		long b = create("B", "+254712000032").get("id").asLong();
		long c = create("C", "+254712000033").get("id").asLong();
		long foreign = this.other.post("/v1/contacts", Map.of("name", "F", "phone", "+254712000034"))
			.data()
			.get("id")
			.asLong();
		assertThat(count(vip)).isEqualTo(1);

		HttpJson.Response assigned = this.live.post("/v1/contacts/bulk-assign-group",
				Map.of("contact_ids", List.of(a, b, c, foreign, 999_999_999L), "group_id", vip));
		assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
		assertThat(assigned.data().get("assigned").asInt()).isEqualTo(3);
		assertThat(assigned.data().get("notFoundIds")).extracting(JsonNode::asLong)
			.containsExactly(foreign, 999_999_999L);
		assertThat(count(vip)).isEqualTo(3);
		assertThat(this.other.get("/v1/contacts/" + foreign).data().get("groupIds")).isEmpty();

		this.live.delete("/v1/contacts/" + c);
		assertThat(count(vip)).isEqualTo(2);
		this.live.post("/v1/contacts/bulk-delete", Map.of("ids", List.of(b)));
		assertThat(count(vip)).isEqualTo(1);
		this.live.patch("/v1/contacts/" + a, Map.of("groupIds", List.of(other)));
		assertThat(count(vip)).isZero();
		assertThat(count(other)).isEqualTo(1);

		JsonNode group = this.live.get("/v1/contacts/groups/" + vip).data();
		assertThat(group.get("color").asString()).isEqualTo("#FF5733");
		assertThat(this.live
			.post("/v1/contacts/groups/update", Map.of("id", vip, "name", "VIP Customers Updated", "color", "#33FF57"))
			.data()
			.get("name")
			.asString()).isEqualTo("VIP Customers Updated");
		assertField(this.live.put("/v1/contacts/groups/" + vip, Map.of("color", "red")), 422, "color");
		assertThat(this.other.get("/v1/contacts/groups/" + vip).status()).isEqualTo(404);
		assertThat(this.other
			.post("/v1/contacts/bulk-assign-group", Map.of("contact_ids", List.of(foreign), "group_id", vip))
			.status()).isEqualTo(404);
		assertThat(this.live.post("/v1/contacts/groups/delete", Map.of("id", other)).status()).isEqualTo(200);
		assertThat(this.live.get("/v1/contacts/" + a).data().get("groupIds")).isEmpty();
		assertThat(this.live.get("/v1/contacts/groups").data()).hasSize(1);
	}

	@Test
	void bulkOperationsTakeAtMostAThousandIds() {
		List<Long> ids = new ArrayList<>();
		for (long i = 1; i <= 1001; i++) {
			ids.add(i);
		}
		assertField(this.live.post("/v1/contacts/bulk-delete", Map.of("ids", ids)), 422, "ids");
		assertField(this.live.post("/v1/contacts/bulk-delete", Map.of("ids", List.of())), 422, "ids");
		assertField(this.live.post("/v1/contacts/bulk-assign-group", Map.of("contactIds", List.of(1))), 422, "groupId");
	}

	@Test
	void listFiltersSearchAndCursorPages() {
		long group = this.live.post("/v1/contacts/groups", Map.of("name", "G")).data().get("id").asLong();
		for (int i = 0; i < 7; i++) {
			this.live.post("/v1/contacts", Map.of("name", "Person " + i, "phone", "+2547120001" + (10 + i), "groupIds",
					(i % 2 == 0) ? List.of(group) : List.of()));
		}
		assertThat(total(this.live.get("/v1/contacts?group_id=" + group))).isEqualTo(4);
		assertThat(total(this.live.get("/v1/contacts/list?page=1&limit=50&group_id=" + group))).isEqualTo(4);
		assertThat(this.live.get("/v1/contacts?search=person%203").data()).hasSize(1);
		assertThat(this.live.get("/v1/contacts?search=0712%20000%20113").data()).hasSize(1);
		assertThat(this.other.get("/v1/contacts?group_id=" + group).status()).isEqualTo(404);

		List<String> names = new ArrayList<>();
		String cursor = null;
		do {
			HttpJson.Response page = this.live
				.get("/v1/contacts?limit=3" + ((cursor != null) ? "&cursor=" + cursor : ""));
			page.data().forEach((contact) -> names.add(contact.get("name").asString()));
			JsonNode next = page.json().get("meta").get("pagination").get("nextCursor");
			cursor = (next == null || next.isNull()) ? null : next.asString();
		}
		while (cursor != null);
		assertThat(names).hasSize(7).doesNotHaveDuplicates();
		assertThat(names.get(0)).isEqualTo("Person 6");
	}

	@Test
	void rpcFormsWorkAsTheOlderApiCallsThem() {
		long group = this.live.post("/v1/contacts/groups/create", Map.of("name", "VIP Customers", "color", "#FF5733"))
			.data()
			.get("id")
			.asLong();
		HttpJson.Response created = this.live.post("/v1/contacts/create",
				Map.of("name", "John Doe", "phone", "254712345678", "email", "john@example.com", "group_id", group));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		long id = created.data().get("id").asLong();
		assertThat(created.data().get("groupIds").get(0).asLong()).isEqualTo(group);

		assertThat(this.live.get("/v1/contacts/get?id=" + id).data().get("name").asString()).isEqualTo("John Doe");
		HttpJson.Response updated = this.live.post("/v1/contacts/update",
				Map.of("id", id, "name", "John Doe Updated", "email", "newemail@example.com"));
		assertThat(updated.data().get("name").asString()).isEqualTo("John Doe Updated");
		assertThat(updated.data().get("phone").asString()).isEqualTo("+254712345678");
		assertThat(this.live.get("/v1/contacts/list?page=1&limit=50&group_id=" + group).data()).hasSize(1);
		assertThat(this.live.get("/v1/contacts/groups").data().get(0).get("contactCount").asLong()).isEqualTo(1);
		assertThat(this.live.post("/v1/contacts/delete", Map.of("id", id)).status()).isEqualTo(200);
		assertThat(this.live.get("/v1/contacts/get?id=" + id).status()).isEqualTo(404);
		assertField(this.live.post("/v1/contacts/update", Map.of("name", "no id")), 422, "id");
		assertField(this.live.get("/v1/contacts/get"), 422, "id");
	}

	@Test
	void anOptOutSurvivesDeletionAndReCreationOfTheContact() {
		long id = create("Stop", "+254712000040").get("id").asLong();

		JsonNode out = this.live.post("/v1/contacts/" + id + "/opt-out", Map.of("reason", "asked by phone")).data();
		assertThat(out.get("optedOut").asBoolean()).isTrue();
		assertThat(this.live.get("/v1/contacts?optedOut=true").data()).hasSize(1);
		this.live.delete("/v1/contacts/" + id);
		JsonNode again = create("Stop again", "254712000040");
		assertThat(again.get("optedOut").asBoolean()).isTrue();

		JsonNode in = this.live.post("/v1/contacts/" + again.get("id").asLong() + "/opt-in", null).data();
		assertThat(in.get("optedOut").asBoolean()).isFalse();
		assertThat(this.live.get("/v1/contacts?optedOut=true").data()).isEmpty();
	}

	@Test
	void deletionsAndOptOutsArePublishedOnContactsEvents() {
		long id = create("Events", "+254712000045").get("id").asLong();
		this.live.post("/v1/contacts/" + id + "/opt-out", null);
		this.live.post("/v1/contacts/" + id + "/opt-in", null);
		this.live.post("/v1/contacts/" + id + "/opt-in", null);
		this.live.delete("/v1/contacts/" + id);

		for (String type : List.of("ContactOptedOut", "ContactOptedIn", "ContactDeleted")) {
			List<JsonNode> events = io.leadwire.testing.EventCapture.await("contacts.events",
					(event) -> event.get("type").asString().equals(type)
							&& event.get("payload").get("phone").asString().equals("+254712000045"),
					java.time.Duration.ofSeconds(20));
			assertThat(events).as(type).hasSize(1);
			assertThat(events.get(0).get("payload").get("contactId").asLong()).isEqualTo(id);
		}
	}

	private JsonNode create(String name, String phone) {
		HttpJson.Response created = this.live.post("/v1/contacts", Map.of("name", name, "phone", phone));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.data();
	}

	private long count(long group) {
		return this.live.get("/v1/contacts/groups/" + group).data().get("contactCount").asLong();
	}

	private static long total(HttpJson.Response list) {
		return list.json().get("meta").get("pagination").get("total").asLong();
	}

	static void assertField(HttpJson.Response response, int status, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.json().get("success").asBoolean()).isFalse();
		if (field != null) {
			assertThat(response.json().get("errors")).as(response.body())
				.anySatisfy((error) -> assertThat(error.get("field").asString()).isEqualTo(field));
		}
	}

}
