package io.leadwire.leads.lead;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.phone.PhoneNumbers;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.TestSecrets;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Optimistic concurrency on leads (docs/api.md §1, "Concurrency"): ETags, If-Match (412),
 * and updates that write only the fields sent, so concurrent changes of other fields, and
 * a website status written by verification, are never undone.
 */
@ServiceTest
class LeadConcurrencyTests {

	@LocalServerPort
	int port;

	@Autowired
	LeadStore store;

	@Autowired
	ObjectMapper json;

	long tenant;

	HttpJson live;

	@BeforeEach
	void setUp() {
		this.tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		this.live = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(this.tenant, Environment.LIVE));
	}

	long create(Map<String, Object> body) {
		return this.live.post("/v1/leads", body).data().get("id").asLong();
	}

	@Test
	void everyReadCarriesAnETagAndIfMatchGuardsUpdatesAndDeletes() {
		long id = create(Map.of("email", "etag@acme.example"));
		HttpJson.Response read = this.live.get("/v1/leads/" + id);
		assertThat(read.header("ETag")).isEqualTo("\"0\"");

		HttpJson.Response patched = this.live.header("If-Match", "\"0\"").patch("/v1/leads/" + id, Map.of("score", 10));
		assertThat(patched.status()).isEqualTo(200);
		assertThat(patched.header("ETag")).isEqualTo("\"1\"");

		for (String stale : new String[] { "\"0\"", "W/\"0\"", "\"not-ours\"" }) {
			HttpJson.Response refused = new HttpJson("http://127.0.0.1:" + this.port)
				.header(ContextSigner.HEADER, TestSecrets.tenant(this.tenant, Environment.LIVE))
				.header("If-Match", stale)
				.patch("/v1/leads/" + id, Map.of("score", 99));
			assertThat(refused.status()).as(stale).isEqualTo(412);
			assertThat(refused.code()).isEqualTo("precondition_failed");
		}
		assertThat(this.live.get("/v1/leads/" + id).data().get("score").asInt()).isEqualTo(10);

		HttpJson any = new HttpJson("http://127.0.0.1:" + this.port)
			.header(ContextSigner.HEADER, TestSecrets.tenant(this.tenant, Environment.LIVE))
			.header("If-Match", "*");
		assertThat(any.put("/v1/leads/" + id, Map.of("score", 20)).header("ETag")).isEqualTo("\"2\"");
		HttpJson staleDelete = new HttpJson("http://127.0.0.1:" + this.port)
			.header(ContextSigner.HEADER, TestSecrets.tenant(this.tenant, Environment.LIVE))
			.header("If-Match", "\"1\"");
		assertThat(staleDelete.delete("/v1/leads/" + id).status()).isEqualTo(412);
		HttpJson current = new HttpJson("http://127.0.0.1:" + this.port)
			.header(ContextSigner.HEADER, TestSecrets.tenant(this.tenant, Environment.LIVE))
			.header("If-Match", "\"2\"");
		assertThat(current.delete("/v1/leads/" + id).status()).isEqualTo(200);
		assertThat(this.live.get("/v1/leads/" + id).status()).isEqualTo(404);
	}

	@Test
	void aStaleUpdateWritesOnlyItsOwnFieldsAndNeverUndoesAWebsiteStatus() {
		long id = create(Map.of("email", "stale@acme.example", "website", "https://acme.example"));
		TenantScope scope = new TenantScope(this.tenant, Environment.LIVE);
		Lead snapshot = this.store.find(scope, id).orElseThrow();

		// Meanwhile: another request changes the status, verification writes a website
		// status.
		this.live.patch("/v1/leads/" + id, Map.of("status", "qualified"));
		Lead checked = snapshot.withWebsiteStatus(LeadEnums.WebsiteStatus.WORKING, Instant.now());
		this.store.setWebsiteStatuses(scope, List.of(checked),
				List.of(LeadEvents.updated(checked, snapshot, this.json)));

		// The stale request: the score applied to what it read before both changes.
		LeadDraft draft = LeadDraft.of(snapshot)
			.apply(this.json.readValue("{\"score\": 77}", LeadRequest.class), new PhoneNumbers("US"))
			.validate();
		Lead stale = draft.toLead(id, scope, null, snapshot.createdAt(), Instant.now());
		LeadStore.Written written = this.store.update(scope, stale, LeadEvents.updated(stale, snapshot, this.json),
				draft.touched(), null);

		assertThat(draft.touched()).containsExactly("score");
		assertThat(written.lead().score()).isEqualTo(77);
		assertThat(written.lead().status()).isEqualTo(LeadEnums.Status.QUALIFIED);
		assertThat(written.lead().websiteStatus()).isEqualTo(LeadEnums.WebsiteStatus.WORKING);
		assertThat(written.lead().version()).isEqualTo(3);
	}

	@Test
	void concurrentPatchesOfDifferentFieldsAreAllKept() {
		long id = create(Map.of("email", "race@acme.example"));
		List<CompletableFuture<HttpJson.Response>> patches = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			Map<String, Object> body = (i % 2 == 0) ? Map.of("score", 50) : Map.of("qualifier", "QUALIFIED");
			patches.add(CompletableFuture.supplyAsync(() -> this.live.patch("/v1/leads/" + id, body)));
		}
		patches.forEach((patch) -> assertThat(patch.join().status()).isEqualTo(200));
		HttpJson.Response lead = this.live.get("/v1/leads/" + id);
		assertThat(lead.data().get("score").asInt()).isEqualTo(50);
		assertThat(lead.data().get("qualifier").asString()).isEqualTo("QUALIFIED");
		assertThat(lead.header("ETag")).as("every write counted").isEqualTo("\"20\"");
	}

}
