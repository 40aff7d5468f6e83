package io.leadwire.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.leadwire.testing.HttpJson;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Phone numbers as the legacy examples and customers' CSV files write them, through the
 * gateway: the LeadFlux and Leadron lead examples verbatim, a 10,000-row import of mixed
 * formats, and one person written two ways.
 */
class PhoneIdentityE2ETests {

	static RunningPlatform platform;

	@BeforeAll
	static void start() throws Exception {
		platform = RunningPlatform.get();
	}

	@Test
	void theLeadFluxLeadExamplesWorkVerbatimWithTheirPhoneInE164() {
		HttpJson client = platform.newTenant("LeadFlux Phones");
		HttpJson.Response created = client.post("/public/api/v1/leads", """
				{
				    "phone": "254712345678",
				    "name": "John Doe",
				    "website": "https://example.com"
				  }""");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.data().get("phone").asString()).isEqualTo("+254712345678");
		assertThat(created.data().get("name").asString()).isEqualTo("John Doe");
		String id = created.data().get("id").asString();

		HttpJson.Response updated = client.post("/public/api/v1/leads/" + id, """
				{
				    "_method": "PUT",
				    "name": "John Doe Updated",
				    "website": "https://newsite.com"
				  }""");
		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		assertThat(updated.data().get("name").asString()).isEqualTo("John Doe Updated");
		assertThat(updated.data().get("website").asString()).isEqualTo("https://newsite.com");
		assertThat(updated.data().get("phone").asString()).isEqualTo("+254712345678");

		HttpJson.Response shortForm = client.post("/public/api/v1/leads",
				Map.of("phone", "254712345678", "name", "John Doe"));
		assertThat(shortForm.status()).isEqualTo(201);
		assertThat(shortForm.data().get("phone").asString()).isEqualTo("+254712345678");
	}

	@Test
	void theLeadronLeadExampleWorksVerbatimWithItsPossibleNumberKept() {
		HttpJson client = platform.newTenant("Leadron Phones");
		HttpJson.Response created = client.post("/v1/leads", """
				{
				  "email": "jane.doe@example.com",
				  "firstName": "Jane",
				  "lastName": "Doe",
				  "phone": "+1-555-0199",
				  "source": "web",
				  "customFields": {
				    "company": "Acme Inc",
				    "role": "VP Sales"
				  }
				}""");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode lead = created.data();
		assertThat(lead.get("phone").asString()).isEqualTo("+15550199");
		assertThat(lead.get("name").asString()).isEqualTo("Jane Doe");
		assertThat(lead.get("source").asString()).isEqualTo("web");
		assertThat(lead.get("score").asInt()).isZero();
		assertThat(lead.get("customFields").get("role").asString()).isEqualTo("VP Sales");
	}

	@Test
	void aPhoneThatIsNotANumberIs422NamingTheFieldAndSayingWhy() {
		HttpJson client = platform.newTenant("Bad Phones");
		for (String[] bad : new String[][] { { "12", "too short" }, { "call me maybe", "letters" },
				{ "0712345678", "country code" }, { "+999 1234 5678", "country code" } }) {
			HttpJson.Response refused = client.post("/v1/leads", Map.of("phone", bad[0], "name", "X"));
			assertThat(refused.status()).as(bad[0]).isEqualTo(422);
			assertThat(refused.code()).isEqualTo("validation_failed");
			assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("phone");
			assertThat(refused.json().get("errors").get(0).get("message").asString()).as(bad[0]).contains(bad[1]);
		}
		assertThat(client.get("/v1/leads?phone=12").status()).isEqualTo(422);
	}

	@Test
	void aTenThousandRowImportOfMixedFormatsCreatesEveryValidRowAndNamesEveryInvalidOne() {
		HttpJson client = platform.newTenant("Mixed Formats");
		StringBuilder csv = new StringBuilder("Name,Phone,Email\n");
		List<Long> invalidRows = new ArrayList<>();
		String[] invalid = { "12", "call me", "0712345678", "+999 1234 5678" };
		for (int row = 1; row <= 10_000; row++) {
			String phone = (row % 100 == 0) ? invalid[(row / 100) % invalid.length] : mixedFormat(row);
			if (row % 100 == 0) {
				invalidRows.add((long) row);
			}
			csv.append("Person ").append(row).append(",\"").append(phone).append("\",\n");
		}
		HttpJson.Response accepted = client.upload("/v1/leads/import", "crm-export.csv", csv.toString(),
				Map.of("mode", "skip"));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);

		JsonNode job = RunningPlatform.awaitJob(client, "/v1/leads/imports/" + accepted.data().get("id").asString());
		assertThat(job.get("status").asString()).isEqualTo("completed");
		assertThat(job.get("total").asLong()).isEqualTo(10_000);
		assertThat(job.get("created").asLong()).as(job.get("errors").toString()).isEqualTo(9_900);
		assertThat(job.get("skipped").asLong()).isZero();
		assertThat(job.get("failed").asLong()).isEqualTo(100);
		List<Long> reported = new ArrayList<>();
		job.get("errors").forEach((error) -> {
			reported.add(error.get("row").asLong());
			assertThat(error.get("message").asString()).startsWith("phone: ");
		});
		assertThat(reported).isEqualTo(invalidRows);

		assertThat(client.get("/v1/leads?phone=" + "5511987650001").data().get(0).get("name").asString())
			.isEqualTo("Person 1");
		assertThat(client.get("/v1/leads?q=%2B254%20712%20350%20003").data())
			.extracting((lead) -> lead.get("name").asString())
			.containsExactly("Person 3");
		assertThat(client.get("/v1/leads?limit=1").json().get("meta").get("pagination").get("total").asLong())
			.isEqualTo(9_900);
	}

	@Test
	void anImportReadsNationalNumbersInTheRegionItNames() {
		HttpJson client = platform.newTenant("Nairobi Imports");
		String csv = "name,phone\nWanjiru,0712 345 678\nOtieno,0722-000-111\nJohn,+1 650 253 0000\n";
		HttpJson.Response accepted = client.upload("/v1/leads/import", "ke.csv", csv, Map.of("region", "KE"));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		JsonNode job = RunningPlatform.awaitJob(client, "/v1/leads/imports/" + accepted.data().get("id").asString());
		assertThat(job.get("created").asLong()).as(job.toString()).isEqualTo(3);
		assertThat(job.get("region").asString()).isEqualTo("KE");
		assertThat(client.get("/v1/leads?q=Wanjiru").data().get(0).get("phone").asString()).isEqualTo("+254712345678");

		HttpJson.Response query = client.upload("/v1/leads/import?region=ng", "ng.csv",
				"name,phone\nAda,0803 123 4567\n", Map.of());
		JsonNode ngJob = RunningPlatform.awaitJob(client, "/v1/leads/imports/" + query.data().get("id").asString());
		assertThat(ngJob.get("created").asLong()).isEqualTo(1);
		assertThat(client.get("/v1/leads?q=Ada").data().get(0).get("phone").asString()).isEqualTo("+2348031234567");

		HttpJson.Response unknown = client.upload("/v1/leads/import", "x.csv", "name,phone\nA,1\n",
				Map.of("region", "Kenya"));
		assertThat(unknown.status()).isEqualTo(422);
		assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("region");
	}

	@Test
	void onePersonWrittenTwoWaysIsOneLeadUnderSkipAndADuplicateUnderCreate() {
		HttpJson importer = platform.newTenant("Two Ways Import");
		String csv = "name,phone\nJohn Doe,254712345678\nJohn D.,+254 712 345 678\n";
		JsonNode job = RunningPlatform.awaitJob(importer,
				"/v1/leads/imports/" + importer.upload("/v1/leads/import", "twice.csv", csv, Map.of("mode", "skip"))
					.data()
					.get("id")
					.asString());
		assertThat(job.get("created").asLong()).isEqualTo(1);
		assertThat(job.get("skipped").asLong()).isEqualTo(1);
		JsonNode again = RunningPlatform.awaitJob(importer,
				"/v1/leads/imports/" + importer
					.upload("/v1/leads/import", "again.csv", "name,phone\nJohn Updated,0712 345 678\n",
							Map.of("mode", "update", "region", "KE"))
					.data()
					.get("id")
					.asString());
		assertThat(again.get("updated").asLong()).isEqualTo(1);
		JsonNode leads = importer.get("/v1/leads?phone=%2B254712345678").data();
		assertThat(leads).hasSize(1);
		assertThat(leads.get(0).get("name").asString()).isEqualTo("John Updated");

		HttpJson creator = platform.newTenant("Two Ways Create");
		String first = creator.post("/v1/leads", Map.of("phone", "254712345678", "name", "John Doe"))
			.data()
			.get("id")
			.asString();
		String second = creator.post("/v1/leads", Map.of("phone", "+254 712 345 678", "name", "John D."))
			.data()
			.get("id")
			.asString();
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> first.equals(creator.get("/v1/leads/" + second).data().path("duplicateOf").asString(null)));
		assertThat(creator.get("/v1/leads/" + second + "/duplicates").data())
			.extracting((lead) -> lead.get("id").asString())
			.containsExactly(first);
	}

	/**
	 * Row {@code row}'s phone, unique per row, in one of the formats CRM exports write:
	 * country codes without '+', '+' with separators, '00', national US, Brazilian
	 * mobiles without their ninth digit, a possible-only '+1' number.
	 */
	static String mixedFormat(int row) {
		String four = String.format("%04d", row);
		return switch (row % 8) {
			case 1 -> "551198765" + four;
			case 2 -> "5521" + "8765" + four;
			case 3 -> "+254 712 35" + four.charAt(0) + " " + four.substring(1);
			case 4 -> "234803123" + four;
			case 5 -> "00 44 7911 12" + four;
			case 6 -> "(650) 25" + four.charAt(0) + "-" + four.substring(1) + "9";
			case 7 -> "+91-98765-4" + four;
			default -> "+1-555-" + four;
		};
	}

}
