package io.leadwire.leads.importing;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.common.context.TenantScope;
import io.leadwire.leads.lead.ContactKeys;
import io.leadwire.testing.EventCapture;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.TestSecrets;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CSV imports against the real broker and the MongoDB wire server: header mapping,
 * per-row errors with row numbers, skip and update modes, the checks made at upload, a
 * malformed file reported by its job, and a job resumed after a restart.
 */
@ServiceTest
class LeadImportTests {

	static final Duration WAIT = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	MongoOperations mongo;

	@Value("${leadwire.leads.import.spool-dir:${java.io.tmpdir}/leadwire/lead-imports}")
	Path spool;

	long tenant;

	HttpJson live;

	@BeforeEach
	void setUp() {
		this.tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		this.live = as(this.tenant);
	}

	HttpJson as(long tenantId) {
		return new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenantId, Environment.LIVE));
	}

	@Test
	void mapsTheHeaderAndReportsEveryBadRowByNumber() {
		String csv = """
				Full Name,E-mail,Mobile,Website,Status,Company,Plan.Tier,
				Ada Lovelace,ADA@Acme.example,+1 650 253 0000,https://acme.example,contacted,Acme,gold,
				Grace Hopper,grace@acme.example,,,,Navy,,

				Bad Phone,,12,,,,,
				Bad Email,not-an-email,,,,,,
				No Contact,,,,,,,
				"Quoted, Name",quoted@acme.example,,,"new","Line1
				Line2",,
				Wide,wide@acme.example,,,,,,,,extra
				Odd Status,odd@acme.example,,,sleeping,,,
				""";
		JsonNode job = awaitDone(upload(this.live, csv, null));

		assertThat(job.get("status").asString()).isEqualTo("completed");
		assertThat(job.get("total").asLong()).isEqualTo(8);
		assertThat(job.get("processed").asLong()).isEqualTo(8);
		assertThat(job.get("created").asLong()).isEqualTo(3);
		assertThat(job.get("failed").asLong()).isEqualTo(5);
		assertThat(job.get("skipped").asLong()).isZero();
		List<String> errors = new ArrayList<>();
		job.get("errors")
			.forEach((error) -> errors.add(error.get("row").asLong() + " " + error.get("message").asString()));
		assertThat(errors).hasSize(5);
		assertThat(errors.get(0)).startsWith("3 phone:");
		assertThat(errors.get(1)).startsWith("4 email:");
		assertThat(errors.get(2)).startsWith("5 phone: phone or email is required");
		assertThat(errors.get(3)).startsWith("7 the row has 10 columns but the header has 8");
		assertThat(errors.get(4)).startsWith("8 status: unknown value");

		JsonNode ada = only(this.live.get("/v1/leads?q=Lovelace").data());
		assertThat(ada.get("name").asString()).isEqualTo("Ada Lovelace");
		assertThat(ada.get("email").asString()).isEqualTo("ada@acme.example");
		assertThat(ada.get("phone").asString()).isEqualTo("+16502530000");
		assertThat(ada.get("website").asString()).isEqualTo("https://acme.example");
		assertThat(ada.get("status").asString()).isEqualTo("contacted");
		assertThat(ada.get("source").asString()).isEqualTo("import");
		assertThat(ada.get("customFields").get("Company").asString()).isEqualTo("Acme");
		assertThat(ada.get("customFields").get("Plan_Tier").asString()).isEqualTo("gold");
		JsonNode quoted = only(this.live.get("/v1/leads?q=quoted@").data());
		assertThat(quoted.get("name").asString()).isEqualTo("Quoted, Name");
		assertThat(quoted.get("customFields").get("Company").asString()).isEqualTo("Line1\nLine2");
		assertThat(this.live.get("/v1/leads?q=grace@").data()).hasSize(1);
	}

	@Test
	void skipModeLeavesExistingLeadsAndRepeatedRowsAlone() {
		long existing = this.live.post("/v1/leads", Map.of("phone", "+16502530100", "name", "Kept"))
			.data()
			.get("id")
			.asLong();
		String csv = """
				name,phone,email
				Changed,(650) 253-0100,
				New,+16502530101,new@acme.example
				Again,,NEW@acme.example
				""";
		JsonNode job = awaitDone(upload(this.live, csv, "skip"));

		assertThat(job.get("created").asLong()).isEqualTo(1);
		assertThat(job.get("skipped").asLong()).isEqualTo(2);
		assertThat(job.get("skippedRows"))
			.extracting((row) -> row.get("row").asLong() + " " + row.get("reason").asString())
			.containsExactly("1 a lead with this phone or email already exists", "3 a duplicate of row 2 of this file");
		assertThat(this.live.get("/v1/leads/" + existing).data().get("name").asString()).isEqualTo("Kept");
		assertThat(this.live.get("/v1/leads").json().get("meta").get("pagination").get("total").asLong()).isEqualTo(2);

		// Another tenant's leads are never matched: the same rows all create there.
		HttpJson other = as(this.tenant + 1);
		assertThat(awaitDone(other, upload(other, csv, "skip")).get("created").asLong()).isEqualTo(2);
	}

	@Test
	void updateModeWritesTheRowOntoTheMatchedLeadWithAnEvent() {
		long existing = this.live
			.post("/v1/leads",
					Map.of("email", "up@acme.example", "name", "Before", "score", 5, "customFields", Map.of("a", "1")))
			.data()
			.get("id")
			.asLong();
		String csv = """
				name,email,phone,status,tier
				After,UP@acme.example,+16502530200,qualified,
				Fresh,fresh@acme.example,,,silver
				Fresh Again,fresh@acme.example,,contacted,
				""";
		JsonNode job = awaitDone(upload(this.live, csv, "update"));

		assertThat(job.get("created").asLong()).isEqualTo(1);
		assertThat(job.get("updated").asLong()).isEqualTo(2);
		JsonNode updated = this.live.get("/v1/leads/" + existing).data();
		assertThat(updated.get("name").asString()).isEqualTo("After");
		assertThat(updated.get("phone").asString()).isEqualTo("+16502530200");
		assertThat(updated.get("status").asString()).isEqualTo("qualified");
		assertThat(updated.get("score").asInt()).isEqualTo(5);
		assertThat(updated.get("customFields").get("a").asString()).isEqualTo("1");
		JsonNode fresh = only(this.live.get("/v1/leads?q=fresh@").data());
		assertThat(fresh.get("name").asString()).isEqualTo("Fresh Again");
		assertThat(fresh.get("status").asString()).isEqualTo("contacted");
		assertThat(fresh.get("customFields").get("tier").asString()).isEqualTo("silver");

		JsonNode event = EventCapture
			.await("leads.events",
					(e) -> e.path("payload").path("leadId").asLong() == existing
							&& e.path("type").asString().equals("LeadUpdated"),
					WAIT)
			.get(0);
		assertThat(event.get("payload").get("phone").asString()).isEqualTo("+16502530200");
		long freshId = fresh.get("id").asLong();
		EventCapture.await("leads.events", (e) -> e.path("payload").path("leadId").asLong() == freshId
				&& e.path("type").asString().equals("LeadCreated"), WAIT);
	}

	@Test
	void aKeyWhoseHolderIsDeletedPassesToTheNextLeadWithIt() {
		long first = this.live.post("/v1/leads", Map.of("phone", "+16502530300")).data().get("id").asLong();
		long second = this.live.post("/v1/leads", Map.of("phone", "+16502530300", "name", "Second"))
			.data()
			.get("id")
			.asLong();
		String key = ContactKeys.phone(new TenantScope(this.tenant, Environment.LIVE), "+16502530300");
		assertThat(holderOf(key)).isEqualTo(first);

		this.live.delete("/v1/leads/" + first);
		Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> holderOf(key) == second);

		JsonNode job = awaitDone(upload(this.live, "phone,name\n+16502530300,Imported\n", "update"));
		assertThat(job.get("updated").asLong()).isEqualTo(1);
		assertThat(this.live.get("/v1/leads/" + second).data().get("name").asString()).isEqualTo("Imported");
	}

	@Test
	void manyRowsGoInBatchesAndStoredErrorsAreBounded() {
		StringBuilder csv = new StringBuilder("email,phone\n");
		for (int i = 0; i < 2200; i++) {
			csv.append((i % 20 == 0) ? "bulk" + i + "@acme.example," : "broken" + i + ",").append('\n');
		}
		JsonNode job = awaitDone(upload(this.live, csv.toString(), null));

		assertThat(job.get("processed").asLong()).isEqualTo(2200);
		assertThat(job.get("created").asLong()).isEqualTo(110);
		assertThat(job.get("failed").asLong()).isEqualTo(2090);
		assertThat(job.get("errors")).hasSize(io.leadwire.common.importing.CsvImports.MAX_STORED_ERRORS);
		assertThat(job.get("errors").get(0).get("row").asLong()).isEqualTo(2);
		assertThat(this.live.get("/v1/leads?limit=1").json().get("meta").get("pagination").get("total").asLong())
			.isEqualTo(110);
	}

	@Test
	void aFileThatBreaksMidwayFailsItsJobAtThatRowKeepingTheRowsBefore() {
		String csv = """
				email,name
				one@acme.example,One
				two@acme.example,"Two"x
				three@acme.example,Three
				""";
		JsonNode job = awaitDone(upload(this.live, csv, null));

		assertThat(job.get("status").asString()).isEqualTo("failed");
		assertThat(job.get("created").asLong()).isEqualTo(1);
		JsonNode error = job.get("errors").get(0);
		assertThat(error.get("row").asLong()).isEqualTo(2);
		assertThat(error.get("message").asString()).contains("Malformed CSV at row 2").contains("not imported");
	}

	@Test
	void uploadsTheImportCannotFinishAreTurnedAwayAtOnce() {
		assertRejected(upload(this.live, "", null), 422, "empty");
		assertRejected(upload(this.live, "email\n", null), 422, "no data rows");
		assertRejected(upload(this.live, "name,company\nAda,Acme\n", null), 422, "phone or an email column");
		assertRejected(upload(this.live, "email,name\na@acme.example,\"Ada\n", null), 422, "never closes");
		assertRejected(upload(this.live, "email,email\na@acme.example,b@acme.example\n", "sometimes"), 422, "mode");
		assertRejected(upload(this.live, "email,Notes,Notes\na@acme.example,x,y\n", null), 422, "repeats");
		HttpJson.Response notMultipart = this.live.post("/v1/leads/import", Map.of("file", "x"));
		assertThat(notMultipart.status()).isEqualTo(415);
		HttpJson.Response empty = this.live.upload("/v1/leads/import", "a.csv", "", Map.of("mode", "skip"));
		assertThat(empty.status()).isEqualTo(422);
		assertThat(this.live.get("/v1/leads/imports/123456789").status()).isEqualTo(404);
	}

	@Test
	void anUploadOver100MegabytesIs413() {
		long size = 100L * 1024 * 1024 + 1;
		HttpRequest.BodyPublisher huge = io.leadwire.testing.RepeatingContent
			.body("someone@acme.example,+16502530000,Some One\n", size);
		HttpJson.Response response = this.live.upload("/v1/leads/import", "huge.csv", huge, Map.of());
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.code()).isEqualTo("payload_too_large");
	}

	@Test
	void anotherTenantsJobIsNotFound() {
		long id = upload(this.live, "email\nmine@acme.example\n", null).data().get("id").asLong();
		assertThat(as(this.tenant + 7).get("/v1/leads/imports/" + id).status()).isEqualTo(404);
		assertThat(this.live.get("/v1/leads/imports").data()).extracting((job) -> job.get("id").asLong()).contains(id);
	}

	@Test
	void anUnfinishedJobIsResumedAfterItsLastBatch() throws IOException {
		long id = 9_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000);
		Files.writeString(this.spool.resolve(id + ".csv"),
				"email\nalready1@acme.example\nalready2@acme.example\nrest@acme.example\n", StandardCharsets.UTF_8);
		Instant now = Instant.now();
		this.mongo.insert(new io.leadwire.common.importing.ImportJob(id, this.tenant, Environment.LIVE,
				io.leadwire.common.api.JobStatus.RUNNING, io.leadwire.common.importing.ImportMode.SKIP, null,
				"resume.csv", 80, 3, 2, 2, 0, 0, 0, List.of(), null, null, "resume-test", now, now, now, null, null),
				LeadImports.COLLECTION);

		// No owner and no lease, as a replica that died leaves it: the job runner's poll
		// claims it.
		JsonNode job = awaitDone(this.live.get("/v1/leads/imports/" + id));
		assertThat(job.get("status").asString()).isEqualTo("completed");
		assertThat(job.get("processed").asLong()).isEqualTo(3);
		assertThat(job.get("created").asLong()).isEqualTo(3);
		// Only the row after the saved batch was written this time.
		assertThat(this.live.get("/v1/leads").data()).extracting((lead) -> lead.get("email").asString())
			.containsExactly("rest@acme.example");
		assertThat(this.spool.resolve(id + ".csv")).doesNotExist();
	}

	private long holderOf(String key) {
		org.bson.Document holder = this.mongo.findOne(Query.query(Criteria.where("contactKeys").is(key)),
				org.bson.Document.class, "leads");
		return (holder != null) ? ((Number) holder.get("_id")).longValue() : -1;
	}

	private HttpJson.Response upload(HttpJson client, String csv, String mode) {
		return client.upload((mode != null) ? "/v1/leads/import?mode=" + mode : "/v1/leads/import", "leads.csv", csv,
				Map.of());
	}

	private JsonNode awaitDone(HttpJson.Response accepted) {
		return awaitDone(this.live, accepted);
	}

	private JsonNode awaitDone(HttpJson client, HttpJson.Response accepted) {
		assertThat(accepted.status()).as(accepted.body()).isIn(200, 202);
		long id = accepted.data().get("id").asLong();
		JsonNode[] job = new JsonNode[1];
		Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
			job[0] = client.get("/v1/leads/imports/" + id).data();
			if (job[0] == null || job[0].isNull()) {
				job[0] = accepted.data();
			}
			String status = job[0].get("status").asString();
			return status.equals("completed") || status.equals("failed");
		});
		return job[0];
	}

	private static void assertRejected(HttpJson.Response response, int status, String message) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.body()).contains(message);
	}

	private static JsonNode only(JsonNode list) {
		assertThat(list).hasSize(1);
		return list.get(0);
	}

}
