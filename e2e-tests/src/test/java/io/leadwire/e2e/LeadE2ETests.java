package io.leadwire.e2e;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.leadwire.testing.HttpJson;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@Order(2)
class LeadE2ETests {

	static RunningPlatform platform;

	static HttpJson acmeLive;

	static HttpJson acmeTest;

	static HttpJson globexLive;

	@BeforeAll
	static void start() throws Exception {
		platform = RunningPlatform.get();
		acmeLive = platform.withKey(platform.tenant(0).get("liveKey").asString());
		acmeTest = platform.withKey(platform.tenant(0).get("testKey").asString());
		globexLive = platform.withKey(platform.tenant(1).get("liveKey").asString());
	}

	@Test
	void leadMadeWithALiveKeyIsInvisibleToTheTestKeyAndToAnotherTenant() {
		HttpJson.Response created = acmeLive.post("/v1/leads", Map.of("name", "Isolated", "email", "iso@acme.example"));
		assertThat(created.status()).isEqualTo(201);
		String id = created.data().get("id").asString();

		assertThat(acmeLive.get("/v1/leads/" + id).status()).isEqualTo(200);
		for (HttpJson other : new HttpJson[] { acmeTest, globexLive }) {
			HttpJson.Response response = other.get("/v1/leads/" + id);
			assertThat(response.status()).isEqualTo(404);
			assertThat(response.code()).isEqualTo("not_found");
			assertThat(other.patch("/v1/leads/" + id, Map.of("name", "Taken")).status()).isEqualTo(404);
			assertThat(other.delete("/v1/leads/" + id).status()).isEqualTo(404);
			assertThat(other.get("/v1/leads?q=Isolated").data().size()).isZero();
		}
		assertThat(acmeLive.get("/v1/leads/" + id).data().get("name").asString()).isEqualTo("Isolated");
	}

	@Test
	void leadLifecycleThroughTheGatewayUsesOnlyPublicIds() {
		JsonNode lead = acmeLive
			.post("/v1/leads", Map.of("firstName", "Grace", "lastName", "Hopper", "phone", "+16502530001",
					"customFields", Map.of("plan", "gold", "seats", 12)))
			.data();
		String id = lead.get("id").asString();
		assertThat(id).matches("[A-Za-z0-9]{16,17}");
		assertThat(lead.get("tenantId").asString()).isEqualTo(platform.tenant(0).get("id").asString());
		assertThat(lead.get("name").asString()).isEqualTo("Grace Hopper");

		JsonNode patched = acmeLive.patch("/v1/leads/" + id, Map.of("score", 80, "status", "qualified")).data();
		assertThat(patched.get("score").asInt()).isEqualTo(80);
		assertThat(patched.get("id").asString()).isEqualTo(id);

		String owner = platform.tenant(0).get("ownerUserId").asString();
		JsonNode assigned = acmeLive.put("/v1/leads/" + id, Map.of("assignedTo", owner)).data();
		assertThat(assigned.get("assignedTo").asString()).isEqualTo(owner);
		assertThat(acmeLive.get("/v1/leads?assignedTo=" + owner).data().size()).isGreaterThanOrEqualTo(1);

		assertThat(acmeLive.delete("/v1/leads/" + id).status()).isEqualTo(200);
		assertThat(acmeLive.get("/v1/leads/" + id).status()).isEqualTo(404);
	}

	@Test
	void aCsvImportRunsThroughTheGatewayAsAJobWithPublicIds() {
		String csv = "First Name,Last Name,E-mail,WhatsApp,Tier\n"
				+ "Ada,Lovelace,ada.import@acme.example,+16502530411,gold\n" + "Bad,Row,not-an-email,,\n"
				+ "Ada,Again,ADA.IMPORT@acme.example,,silver\n";
		HttpJson.Response accepted = acmeLive.upload("/v1/leads/import?mode=skip", "leads.csv", csv, Map.of());
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		String jobId = accepted.data().get("id").asString();
		assertThat(jobId).matches("[A-Za-z0-9]{16,17}");

		JsonNode job = RunningPlatform.awaitJob(acmeLive, "/v1/leads/imports/" + jobId);
		assertThat(job.get("status").asString()).isEqualTo("completed");
		assertThat(job.get("total").asLong()).isEqualTo(3);
		assertThat(job.get("created").asLong()).isEqualTo(1);
		assertThat(job.get("skipped").asLong()).isEqualTo(1);
		assertThat(job.get("failed").asLong()).isEqualTo(1);
		assertThat(job.get("errors").get(0).get("row").asLong()).isEqualTo(2);
		JsonNode lead = acmeLive.get("/v1/leads?q=ada.import@").data().get(0);
		assertThat(lead.get("name").asString()).isEqualTo("Ada Lovelace");
		assertThat(lead.get("customFields").get("Tier").asString()).isEqualTo("gold");
		assertThat(lead.get("id").asString()).matches("[A-Za-z0-9]{16,17}");

		assertThat(acmeLive.get("/v1/leads/imports").data()).extracting((listed) -> listed.get("id").asString())
			.contains(jobId);
		assertThat(globexLive.get("/v1/leads/imports").data()).extracting((listed) -> listed.get("id").asString())
			.doesNotContain(jobId);
		assertThat(globexLive.get("/v1/leads/imports/" + jobId).status()).isEqualTo(404);
		assertThat(acmeTest.get("/v1/leads/imports/" + jobId).status()).isEqualTo(404);
		HttpJson.Response noContact = acmeLive.upload("/v1/leads/import", "x.csv", "name\nAda\n", Map.of());
		assertThat(noContact.status()).isEqualTo(422);
		assertThat(noContact.code()).isEqualTo("validation_failed");
	}

	@Test
	void anUploadOver100MegabytesIs413ThroughTheGateway() {
		long size = 100L * 1024 * 1024 + 1024;
		java.net.http.HttpRequest.BodyPublisher huge = io.leadwire.testing.RepeatingContent
			.body("someone@acme.example,+16502530000,Some One\n", size);
		HttpJson.Response response = acmeLive.upload("/v1/leads/import", "huge.csv", huge, Map.of());
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.code()).isEqualTo("payload_too_large");
	}

	@Test
	void websiteVerificationRunsThroughTheGatewayAndNeverFetchesPrivateAddresses() {
		String none = acmeLive.post("/v1/leads", Map.of("email", "noweb@acme.example")).data().get("id").asString();
		String loopback = acmeLive
			.post("/v1/leads", Map.of("email", "loop@acme.example", "website", "http://127.0.0.1/admin"))
			.data()
			.get("id")
			.asString();
		String metadata = acmeLive
			.post("/v1/leads",
					Map.of("email", "meta@acme.example", "website", "http://169.254.169.254/latest/meta-data/"))
			.data()
			.get("id")
			.asString();
		HttpJson.Response accepted = acmeLive.post("/v1/leads/verify",
				Map.of("lead_ids", java.util.List.of(none, loopback, metadata)));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		String batchId = accepted.data().get("batchId").asString();
		assertThat(batchId).matches("[A-Za-z0-9]{16,17}");

		JsonNode batch = RunningPlatform.awaitJob(acmeLive, "/v1/leads/verify/" + batchId);
		assertThat(batch.get("total").asLong()).isEqualTo(3);
		assertThat(batch.get("noWebsite").asLong()).isEqualTo(1);
		assertThat(batch.get("notWorking").asLong()).isEqualTo(2);
		assertThat(acmeLive.get("/v1/leads/" + loopback).data().get("websiteStatus").asString())
			.isEqualTo("NOT_WORKING");
		assertThat(globexLive.get("/v1/leads/verify/" + batchId).status()).isEqualTo(404);
		// The gateway reads leadIds as ids: a value that is not one is refused before the
		// service.
		HttpJson.Response notIds = acmeLive.post("/v1/leads/verify", Map.of("leadIds", "all"));
		assertThat(notIds.status()).isEqualTo(422);
		assertThat(notIds.json().get("success").asBoolean()).isFalse();
	}

	@Test
	void malformedOrForeignIdsAnswerNotFoundOrNameTheField() {
		assertThat(acmeLive.get("/v1/leads/not-an-id").status()).isEqualTo(404);
		assertThat(acmeLive.get("/v1/leads/12345").status()).isEqualTo(404);
		assertThat(acmeLive.get("/v1/leads/AAAAAAAAAAAAAAAA").status()).isEqualTo(404);

		HttpJson.Response badReference = acmeLive.post("/v1/leads",
				Map.of("email", "ref@acme.example", "assignedTo", "garbage-id"));
		assertThat(badReference.status()).isEqualTo(422);
		assertThat(badReference.json().get("errors").get(0).get("field").asString()).isEqualTo("assignedTo");

		HttpJson.Response numericReference = acmeLive.post("/v1/leads",
				Map.of("email", "ref@acme.example", "assignedTo", 1_000_123));
		assertThat(numericReference.status()).isEqualTo(422);
		assertThat(acmeLive.get("/v1/leads?assignedTo=nope").status()).isEqualTo(422);
	}

	@Test
	void badInputThroughTheGatewayIs4xxInTheEnvelope() {
		assertThat(acmeLive.post("/v1/leads", "{\"email\": ").status()).isEqualTo(400);
		assertThat(acmeLive.post("/v1/leads", Map.of("name", "No contact")).status()).isEqualTo(422);
		assertThat(acmeLive.post("/v1/leads", Map.of("email", "x@y.example", "status", "won")).status()).isEqualTo(400);
		assertThat(acmeLive.get("/v1/leads?limit=1000").status()).isEqualTo(422);
	}

	@Test
	void assigneesMustBeUsersOfTheSameTenant() {
		String id = acmeLive.post("/v1/leads", Map.of("email", "assign@acme.example")).data().get("id").asString();
		String acmeOwner = platform.tenant(0).get("ownerUserId").asString();
		String globexOwner = platform.tenant(1).get("ownerUserId").asString();

		JsonNode assigned = acmeLive.post("/v1/leads/" + id + "/assign", Map.of("assignedTo", acmeOwner)).data();
		assertThat(assigned.get("assignedTo").asString()).isEqualTo(acmeOwner);

		HttpJson.Response foreign = acmeLive.post("/v1/leads/" + id + "/assign", Map.of("assigned_to", globexOwner));
		assertThat(foreign.status()).isEqualTo(422);
		assertThat(foreign.json().get("errors").get(0).get("field").asString()).isEqualTo("assignedTo");
		assertThat(acmeLive.patch("/v1/leads/" + id, Map.of("assignedTo", globexOwner)).status()).isEqualTo(422);
	}

	@Test
	void duplicatesAreLinkedAsynchronouslyAndListedWithPublicIds() {
		String first = acmeLive.post("/v1/leads", Map.of("email", "twin@acme.example")).data().get("id").asString();
		String second = acmeLive.post("/v1/leads", Map.of("email", "TWIN@acme.example", "name", "Twin"))
			.data()
			.get("id")
			.asString();
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(20))
			.pollInterval(java.time.Duration.ofMillis(200))
			.until(() -> first.equals(acmeLive.get("/v1/leads/" + second).data().path("duplicateOf").asString(null)));
		JsonNode duplicates = acmeLive.get("/v1/leads/" + second + "/duplicates").data();
		assertThat(duplicates.size()).isEqualTo(1);
		assertThat(duplicates.get(0).get("id").asString()).isEqualTo(first);
		assertThat(globexLive.get("/v1/leads/" + second + "/duplicates").status()).isEqualTo(404);
	}

	@Test
	void cursorsWalkTheListThroughTheGateway() {
		for (int i = 0; i < 5; i++) {
			acmeTest.post("/v1/leads", Map.of("email", "walk" + i + "@acme.example"));
		}
		java.util.Set<String> seen = new java.util.HashSet<>();
		String cursor = null;
		int pages = 0;
		do {
			JsonNode page = acmeTest.get("/v1/leads?limit=2" + ((cursor != null) ? "&cursor=" + cursor : "")).json();
			page.get("data").forEach((lead) -> assertThat(seen.add(lead.get("id").asString())).isTrue());
			JsonNode next = page.get("meta").get("pagination").get("nextCursor");
			cursor = (next == null || next.isNull()) ? null : next.asString();
			pages++;
		}
		while (cursor != null && pages < 50);
		assertThat(seen.size())
			.isEqualTo(acmeTest.get("/v1/leads?limit=1").json().get("meta").get("pagination").get("total").asInt());
	}

	@Test
	void aMatrixOfBadInputIsAlways4xxInTheEnvelope() {
		String id = acmeLive.post("/v1/leads", Map.of("email", "matrix@acme.example")).data().get("id").asString();
		String huge = "x".repeat(1024 * 1024);
		java.util.List<Object> bodies = java.util.List.of("{", "[]", "\"text\"", "null", "{\"email\": 42}",
				"{\"score\": \"high\"}", "{\"score\": 101}", "{\"score\": 1e400}", "{\"status\": \"won\"}",
				"{\"qualifier\": \"MAYBE\"}", "{\"websiteStatus\": 7}", "{\"email\": \"not-an-email\"}",
				"{\"phone\": \"+1 000\"}", "{\"customFields\": [1, 2]}", "{\"customFields\": {\"a\": {\"b\": 1}}}",
				"{\"assignedTo\": \"garbage\"}", "{\"assignedTo\": [1]}", "{\"name\": \"" + huge + "\"}",
				"{\"email\": \"" + huge + "@x.example\"}", "{\"" + huge + "\": 1}");
		for (Object body : bodies) {
			for (String path : new String[] { "/v1/leads", "/v1/leads/" + id }) {
				HttpJson.Response response = path.equals("/v1/leads") ? acmeLive.post(path, body)
						: acmeLive.patch(path, body);
				String shown = body.toString().substring(0, Math.min(40, body.toString().length()));
				assertThat(response.status()).as("%s %s", path, shown).isBetween(400, 499);
				assertThat(response.json().get("success").asBoolean()).as(shown).isFalse();
				assertThat(response.json().get("code").asString()).as(shown).isNotBlank();
				assertThat(response.body()).as(shown).doesNotContain("Exception").doesNotContain("at io.");
			}
		}
		for (String query : new String[] { "limit=0", "limit=abc", "page=-1", "page=99999999", "sort=nonsense",
				"status=won", "assignedTo=garbage", "cursor=%25%25zz", "q=" + "y".repeat(2000) }) {
			HttpJson.Response response = acmeLive.get("/v1/leads?" + query);
			assertThat(response.status()).as(query).isBetween(400, 499);
			assertThat(response.json().get("success").asBoolean()).isFalse();
		}
		for (String bad : new String[] { "garbage", "AAAAAAAAAAAAAAAA", "1000000", "%00" }) {
			assertThat(acmeLive.get("/v1/leads/" + bad).status()).as(bad).isEqualTo(404);
		}
		assertThat(acmeLive.get("/v1/leads/" + id).data().get("email").asString()).isEqualTo("matrix@acme.example");
	}

}
