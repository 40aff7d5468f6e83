package io.leadwire.leads;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.TestSecrets;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceTest
class LeadCursorTests {

	@LocalServerPort
	int port;

	HttpJson live;

	@BeforeEach
	void setUp() {
		long tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		this.live = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenant, Environment.LIVE));
		for (int i = 0; i < 7; i++) {
			// Scores repeat, so ties are broken by id across page boundaries.
			this.live.post("/v1/leads",
					Map.of("email", "c" + i + "@acme.example", "score", i % 3, "name", "Lead " + i));
		}
	}

	@Test
	void followingCursorsVisitsEveryLeadOnceInTheSameOrderAsPages() {
		for (String sort : new String[] { "-createdAt", "createdAt", "score", "-score", "name", "-updatedAt" }) {
			List<Long> paged = new ArrayList<>();
			for (int page = 1; page <= 4; page++) {
				this.live.get("/v1/leads?limit=2&sort=" + sort + "&page=" + page)
					.data()
					.forEach((lead) -> paged.add(lead.get("id").asLong()));
			}
			List<Long> followed = new ArrayList<>();
			String cursor = null;
			int requests = 0;
			do {
				JsonNode response = this.live
					.get("/v1/leads?limit=2&sort=" + sort + ((cursor != null) ? "&cursor=" + cursor : ""))
					.json();
				response.get("data").forEach((lead) -> followed.add(lead.get("id").asLong()));
				JsonNode next = response.get("meta").get("pagination").get("nextCursor");
				cursor = (next == null || next.isNull()) ? null : next.asString();
				requests++;
			}
			while (cursor != null && requests < 10);
			assertThat(followed).as(sort).hasSize(7).doesNotHaveDuplicates().isEqualTo(paged);
			assertThat(requests).as(sort).isEqualTo(4);
		}
	}

	@Test
	void aForeignOrGarbledCursorIs422() {
		String cursor = this.live.get("/v1/leads?limit=2&sort=score")
			.json()
			.get("meta")
			.get("pagination")
			.get("nextCursor")
			.asString();
		for (String bad : new String[] { "garbage!", "AAAA", cursor + "x" }) {
			HttpJson.Response response = this.live.get("/v1/leads?limit=2&sort=score&cursor=" + bad);
			assertThat(response.status()).as(bad).isEqualTo(422);
			assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("cursor");
		}
		assertThat(this.live.get("/v1/leads?limit=2&sort=name&cursor=" + cursor).status()).isEqualTo(422);
	}

}
