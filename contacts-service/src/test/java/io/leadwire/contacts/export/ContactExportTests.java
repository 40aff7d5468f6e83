package io.leadwire.contacts.export;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.leadwire.common.context.Environment;
import io.leadwire.contacts.ContactsTestSupport;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSV export: RFC 4180 quoting, formula-injection escaping, public ids, the list's
 * filters, the optional BOM, and a file the import reads back.
 */
@ServiceTest
class ContactExportTests {

	@LocalServerPort
	int port;

	HttpJson live;

	@BeforeEach
	void setUp() {
		this.live = ContactsTestSupport.as(this.port, ContactsTestSupport.newTenant(), Environment.LIVE);
	}

	@Test
	void aTenantStreamsTwoExportsAtOnceAndAThirdIs429WithRetryAfterWhileOthersAreAdmitted() {
		ContactExport export = new ContactExport(null, null, null);
		io.leadwire.common.context.TenantScope busy = new io.leadwire.common.context.TenantScope(1, Environment.LIVE);
		io.leadwire.common.context.TenantScope other = new io.leadwire.common.context.TenantScope(2, Environment.LIVE);
		ContactExport.Admission first = export.admit(busy);
		ContactExport.Admission second = export.admit(busy);
		io.leadwire.common.api.ApiException refused = org.junit.jupiter.api.Assertions
			.assertThrows(io.leadwire.common.api.ApiException.class, () -> export.admit(busy));
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.retryAfter()).isEqualTo(java.time.Duration.ofSeconds(10));
		export.admit(other).close();
		first.close();
		export.admit(busy).close();
		second.close();
	}

	@Test
	void writesQuotedEscapedRowsWithPublicIds() throws Exception {
		long group = this.live.post("/v1/contacts/groups", Map.of("name", "VIP")).data().get("id").asLong();
		long id = this.live.post("/v1/contacts",
				Map.of("name", "=HYPERLINK(\"http://evil.example\",\"click\")", "phone", "254712000501", "email",
						"a@acme.example", "groupIds", List.of(group), "customFields",
						Map.of("note", "says \"hi\", twice\nand leaves", "tier", 3)))
			.data()
			.get("id")
			.asLong();
		this.live.post("/v1/contacts", Map.of("name", "@admin", "phone", "254712000502"));
		this.live.post("/v1/contacts", Map.of("name", "-1+2", "phone", "254712000503"));

		HttpJson.Response export = this.live.get("/v1/contacts/export?format=csv");

		assertThat(export.status()).isEqualTo(200);
		assertThat(export.header("Content-Type")).startsWith("text/csv");
		assertThat(export.header("Content-Disposition")).startsWith("attachment; filename=\"contacts-");
		List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(export.body())).getRecords();
		assertThat(rows.get(0).toList()).containsExactly("id", "name", "phone", "email", "group_ids", "is_favorite",
				"opted_out", "custom_fields", "created_at", "updated_at");
		assertThat(rows).hasSize(4);
		CSVRecord first = rows.get(3);
		assertThat(first.get(0)).isEqualTo(TestSecrets.IDS.encode(id)).hasSize(16);
		assertThat(first.get(1)).isEqualTo("'=HYPERLINK(\"http://evil.example\",\"click\")");
		assertThat(first.get(2)).isEqualTo("'+254712000501");
		assertThat(first.get(4)).isEqualTo(TestSecrets.IDS.encode(group));
		assertThat(first.get(7)).contains("says \\\"hi\\\", twice\\nand leaves").contains("\"tier\":3");
		assertThat(rows.get(2).get(1)).isEqualTo("'@admin");
		assertThat(rows.get(1).get(1)).isEqualTo("'-1+2");
		assertThat(export.body()).doesNotContain(Long.toString(id));
	}

	@Test
	void filtersByGroupAndAddsABomWhenAsked() {
		long group = this.live.post("/v1/contacts/groups", Map.of("name", "G")).data().get("id").asLong();
		this.live.post("/v1/contacts", Map.of("name", "In", "phone", "254712000601", "group_id", group));
		this.live.post("/v1/contacts", Map.of("name", "Out", "phone", "254712000602"));

		HttpJson.Response export = this.live.get("/v1/contacts/export?format=csv&bom=true&group_id=" + group);

		assertThat(export.body()).startsWith("\uFEFFid,name,");
		assertThat(export.body().lines().count()).isEqualTo(2);
		assertThat(export.body()).contains(",In,").doesNotContain(",Out,");
		HttpJson.Response other = ContactsTestSupport.as(this.port, ContactsTestSupport.newTenant(), Environment.LIVE)
			.get("/v1/contacts/export?format=csv&group_id=" + group);
		assertThat(other.status()).isEqualTo(404);
		assertThat(this.live.get("/v1/contacts/export?format=xlsx").status()).isEqualTo(422);
	}

	@Test
	void theExportImportsBackIntoAnotherTenantUnchanged() {
		this.live.post("/v1/contacts", Map.of("name", "Round, Trip", "phone", "254712000701", "email", "r@acme.example",
				"customFields", Map.of("tier", "gold")));
		String csv = this.live.get("/v1/contacts/export?format=csv&bom=true").body();
		HttpJson other = ContactsTestSupport.as(this.port, ContactsTestSupport.newTenant(), Environment.LIVE);

		HttpJson.Response accepted = other.upload("/v1/contacts/import", "export.csv", csv, Map.of());
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(30))
			.until(() -> other.get("/v1/contacts").data().size() == 1);

		var copy = other.get("/v1/contacts").data().get(0);
		assertThat(copy.get("name").asString()).isEqualTo("Round, Trip");
		assertThat(copy.get("phone").asString()).isEqualTo("+254712000701");
		assertThat(copy.get("email").asString()).isEqualTo("r@acme.example");
		assertThat(copy.get("customFields").get("tier").asString()).isEqualTo("gold");
	}

}
