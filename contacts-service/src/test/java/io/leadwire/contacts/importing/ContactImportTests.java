package io.leadwire.contacts.importing;

import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.leadwire.common.context.Environment;
import io.leadwire.contacts.ContactsTestSupport;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contacts CSV imports on the shared import machinery: header mapping, upsert on the
 * phone in both modes, row errors by number, the import's group (as a form field with the
 * public id, or a query parameter) and its count, opt-outs kept on re-import.
 */
@ServiceTest
class ContactImportTests {

	@LocalServerPort
	int port;

	HttpJson live;

	HttpJson other;

	@BeforeEach
	void setUp() {
		this.live = ContactsTestSupport.as(this.port, ContactsTestSupport.newTenant(), Environment.LIVE);
		this.other = ContactsTestSupport.as(this.port, ContactsTestSupport.newTenant(), Environment.LIVE);
	}

	@Test
	void importsIntoAGroupGivenAsAFormFieldAndReportsBadRowsByNumber() {
		long group = this.live.post("/v1/contacts/groups", Map.of("name", "Imported")).data().get("id").asLong();
		String csv = """
				Full Name,Mobile,E-mail,Company
				Ada Lovelace,254712000101,ada@acme.example,Acme
				Grace Hopper,+254 712 000 102,,Navy
				No Phone,,x@acme.example,
				Bad Email,254712000104,not-an-email,
				Ada Again,0712000101,,Acme 2
				""";

		JsonNode job = awaitDone(this.live.upload("/v1/contacts/import?region=KE", "contacts.csv", csv,
				Map.of("group_id", TestSecrets.IDS.encode(group))));

		assertThat(job.get("status").asString()).isEqualTo("completed");
		assertThat(job.get("processed").asLong()).isEqualTo(5);
		assertThat(job.get("created").asLong()).isEqualTo(3);
		assertThat(job.get("skipped").asLong()).isEqualTo(1);
		assertThat(job.get("failed").asLong()).isEqualTo(1);
		assertThat(job.get("errors")).extracting((error) -> error.get("row").asLong()).containsExactly(3L);
		assertThat(job.get("skippedRows")).hasSize(1);
		assertThat(job.get("skippedRows").get(0).get("row").asLong()).isEqualTo(5);
		assertThat(job.get("skippedRows").get(0).get("reason").asString())
			.isEqualTo("a duplicate of row 1 of this file");
		assertThat(job.get("warnings")).hasSize(1);
		assertThat(job.get("warnings").get(0).get("row").asLong()).isEqualTo(4);
		assertThat(job.get("warnings").get(0).get("field").asString()).isEqualTo("email");
		assertThat(job.get("warnings").get(0).get("message").asString()).contains("'not-an-email'");
		assertThat(job.get("groupId").asLong()).isEqualTo(group);
		assertThat(this.live.get("/v1/contacts/groups/" + group).data().get("contactCount").asLong()).isEqualTo(3);
		JsonNode badEmail = this.live.get("/v1/contacts?search=Bad%20Email").data().get(0);
		assertThat(badEmail.get("phone").asString()).isEqualTo("+254712000104");
		assertThat(badEmail.hasNonNull("email")).as("the contact is kept without the email").isFalse();
		JsonNode ada = this.live.get("/v1/contacts?search=Ada").data().get(0);
		assertThat(ada.get("phone").asString()).isEqualTo("+254712000101");
		assertThat(ada.get("customFields").get("Company").asString()).isEqualTo("Acme");
		// Its end is published once, from the job's outbox (tenants' webhooks:
		// import.completed).
		long jobId = job.get("id").asLong();
		java.util.List<JsonNode> completed = io.leadwire.testing.EventCapture
			.await("contacts.events",
					(event) -> event.path("type").asString().equals("ImportCompleted")
							&& event.path("payload").path("importId").asLong() == jobId,
					java.time.Duration.ofSeconds(20));
		assertThat(completed).hasSize(1);
		assertThat(completed.get(0).get("payload").get("resource").asString()).isEqualTo("contacts");
		assertThat(completed.get(0).get("payload").get("status").asString()).isEqualTo("completed");
		assertThat(completed.get(0).get("payload").get("created").asLong()).isEqualTo(3);
		assertThat(completed.get(0).get("payload").get("failed").asLong()).isEqualTo(1);
	}

	@Test
	void updateModeWritesTheRowOntoTheContactWithThePhoneAndSkipModeStillJoinsTheGroup() {
		long existing = this.live.post("/v1/contacts", Map.of("name", "Old Name", "phone", "+254712000201"))
			.data()
			.get("id")
			.asLong();
		long group = this.live.post("/v1/contacts/groups", Map.of("name", "G")).data().get("id").asLong();

		JsonNode skipped = awaitDone(this.live.upload("/v1/contacts/import?group_id=" + group, "a.csv",
				"name,phone\nNew Name,+254712000201\n", Map.of()));
		assertThat(skipped.get("skipped").asLong()).isEqualTo(1);
		assertThat(skipped.get("skippedRows").get(0).get("reason").asString())
			.isEqualTo("a contact with this phone already exists: it joined the group and kept its fields");
		JsonNode contact = this.live.get("/v1/contacts/" + existing).data();
		assertThat(contact.get("name").asString()).isEqualTo("Old Name");
		assertThat(contact.get("groupIds").get(0).asLong()).isEqualTo(group);

		JsonNode updated = awaitDone(this.live.upload("/v1/contacts/import?mode=update", "b.csv",
				"name,phone,email\nNew Name,254712000201,new@acme.example\n", Map.of()));
		assertThat(updated.get("updated").asLong()).isEqualTo(1);
		assertThat(updated.get("skippedRows")).isEmpty();
		contact = this.live.get("/v1/contacts/" + existing).data();
		assertThat(contact.get("name").asString()).isEqualTo("New Name");
		assertThat(contact.get("email").asString()).isEqualTo("new@acme.example");
		assertThat(contact.get("groupIds")).hasSize(1);

		JsonNode badEmail = awaitDone(this.live.upload("/v1/contacts/import?mode=update", "c.csv",
				"name,phone,email\nNewer Name,254712000201,broken@\n", Map.of()));
		assertThat(badEmail.get("updated").asLong()).isEqualTo(1);
		assertThat(badEmail.get("failed").asLong()).isZero();
		assertThat(badEmail.get("warnings").get(0).get("field").asString()).isEqualTo("email");
		contact = this.live.get("/v1/contacts/" + existing).data();
		assertThat(contact.get("name").asString()).isEqualTo("Newer Name");
		assertThat(contact.get("email").asString()).as("a bad email leaves the one it had")
			.isEqualTo("new@acme.example");
	}

	@Test
	void anOptedOutPhoneStaysOptedOutWhenImportedAgain() {
		long id = this.live.post("/v1/contacts", Map.of("name", "Stop", "phone", "+254712000301"))
			.data()
			.get("id")
			.asLong();
		this.live.post("/v1/contacts/" + id + "/opt-out", null);
		this.live.delete("/v1/contacts/" + id);

		awaitDone(this.live.upload("/v1/contacts/import", "c.csv", "phone\n254712000301\n254712000302\n", Map.of()));

		assertThat(this.live.get("/v1/contacts?optedOut=true").data()).extracting((c) -> c.get("phone").asString())
			.containsExactly("+254712000301");
	}

	@Test
	void anotherTenantsGroupAndBadUploadsAreRefusedBeforeAJobExists() {
		long theirs = this.other.post("/v1/contacts/groups", Map.of("name", "Theirs")).data().get("id").asLong();

		assertThat(this.live
			.upload("/v1/contacts/import", "a.csv", "phone\n254712000401\n",
					Map.of("group_id", TestSecrets.IDS.encode(theirs)))
			.status()).isEqualTo(404);
		assertThat(
				this.live.upload("/v1/contacts/import?group_id=" + theirs, "a.csv", "phone\n254712000401\n", Map.of())
					.status())
			.isEqualTo(404);
		assertThat(this.live.upload("/v1/contacts/import", "a.csv", "phone\n254712000401\n", Map.of("group_id", "123"))
			.status()).isEqualTo(404);
		HttpJson.Response noPhone = this.live.upload("/v1/contacts/import", "a.csv", "name,email\nA,a@b.example\n",
				Map.of());
		assertThat(noPhone.status()).isEqualTo(422);
		assertThat(noPhone.body()).contains("phone column");
		assertThat(this.live.upload("/v1/contacts/import", "a.csv", "phone\n", Map.of()).status()).isEqualTo(422);
		assertThat(this.live.upload("/v1/contacts/import?mode=merge", "a.csv", "phone\n1\n", Map.of()).status())
			.isEqualTo(422);
		assertThat(this.live.get("/v1/contacts/imports").data()).isEmpty();
		assertThat(this.live.get("/v1/contacts").data()).isEmpty();
	}

	@Test
	void anUploadOver100MegabytesIs413() {
		HttpJson.Response response = this.live.upload("/v1/contacts/import", "huge.csv",
				io.leadwire.testing.RepeatingContent.body("Some One,+16502530000\n", 100L * 1024 * 1024 + 1), Map.of());
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.code()).isEqualTo("payload_too_large");
	}

	/**
	 * Issue 26: a semicolon- or tab-separated file (as spreadsheets save them in many
	 * locales) was refused for lacking a phone column it has.
	 */
	@Test
	void aSemicolonOrTabSeparatedFileIsReadByItsDelimiter() {
		JsonNode semicolons = awaitDone(this.live.upload("/v1/contacts/import", "semicolons.csv",
				"name;phone;email\n\"Doe; Jane\";254712000801;jane@example.com\nJohn;254712000802;\n", Map.of()));
		assertThat(semicolons.get("status").asString()).isEqualTo("completed");
		assertThat(semicolons.get("created").asInt()).isEqualTo(2);
		assertThat(this.live.get("/v1/contacts?search=Doe").data().get(0).get("name").asString())
			.isEqualTo("Doe; Jane");
		JsonNode tabs = awaitDone(this.live.upload("/v1/contacts/import", "tabs.tsv",
				"name\tphone\nTab One\t254712000803\nTab, Two\t254712000804\n", Map.of()));
		assertThat(tabs.get("created").asInt()).isEqualTo(2);
		assertThat(this.live.get("/v1/contacts?search=Tab").data()).hasSize(2);
	}

	@Test
	void anotherTenantsSmallImportTakesItsTurnBetweenABusyTenantsLargeOnesWhichAreCapped() {
		// Five imports of 20,000 rows from one tenant: its jobs run one at a time, a
		// batch of rows per turn, and a sixth is refused while five are open.
		StringBuilder rows = new StringBuilder("name,phone\n");
		for (int i = 0; i < 20_000; i++) {
			rows.append("Row ").append(i).append(",2547").append(String.format("%08d", 10_000_000 + i)).append('\n');
		}
		java.util.List<Long> busy = new java.util.ArrayList<>();
		for (int j = 0; j < 5; j++) {
			HttpJson.Response accepted = this.live.upload("/v1/contacts/import", "big" + j + ".csv", rows.toString(),
					Map.of());
			assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
			busy.add(accepted.data().get("id").asLong());
		}
		HttpJson.Response refused = this.live.upload("/v1/contacts/import", "more.csv", rows.toString(), Map.of());
		assertThat(refused.status()).as(refused.body()).isEqualTo(429);
		assertThat(refused.header("Retry-After")).isEqualTo("30");

		long started = System.nanoTime();
		JsonNode small = awaitDone(
				this.other.upload("/v1/contacts/import", "one.csv", "name,phone\nOne,254712000501\n", Map.of()),
				this.other);
		long tookMillis = (System.nanoTime() - started) / 1_000_000;
		assertThat(small.get("created").asInt()).isEqualTo(1);
		assertThat(tookMillis).as("the other tenant's 1-row import waited at most a batch of the busy one's")
			.isLessThan(2_000);
		long unfinished = busy.stream()
			.filter((id) -> !this.live.get("/v1/contacts/imports/" + id)
				.data()
				.get("status")
				.asString()
				.equals("completed"))
			.count();
		assertThat(unfinished).as("the busy tenant's imports were still running").isPositive();
		for (long id : busy) {
			Awaitility.await()
				.atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> this.live.get("/v1/contacts/imports/" + id)
					.data()
					.get("status")
					.asString()
					.equals("completed"));
		}
	}

	private JsonNode awaitDone(HttpJson.Response accepted) {
		return awaitDone(accepted, this.live);
	}

	private static JsonNode awaitDone(HttpJson.Response accepted, HttpJson client) {
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		long id = accepted.data().get("id").asLong();
		JsonNode[] job = new JsonNode[1];
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
			job[0] = client.get("/v1/contacts/imports/" + id).data();
			String status = job[0].get("status").asString();
			return status.equals("completed") || status.equals("failed");
		});
		return job[0];
	}

}
