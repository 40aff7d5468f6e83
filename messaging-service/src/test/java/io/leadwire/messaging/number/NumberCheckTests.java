package io.leadwire.messaging.number;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Number checks on the sandbox (numbers ending in 0 are not on WhatsApp): the seed's
 * bodies, the cache, the default session, pacing per session, bad input.
 */
@ServiceTest
class NumberCheckTests {

	@LocalServerPort
	int port;

	HttpJson live;

	@BeforeEach
	void setUp() {
		this.live = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(ThreadLocalRandom.current().nextLong(1, 1L << 40), Environment.LIVE));
	}

	@Test
	void theSeedChecksAnswerThroughTheDefaultSessionAndAreCached() {
		assertThat(this.live.post("/v1/numbers/verify", "{\"phone\": \"254712345678\"}").status()).isEqualTo(422);
		this.live.post("/v1/waha/sessions", Map.of("name", "Checker"));

		JsonNode single = this.live.post("/v1/numbers/verify", "{\"phone\": \"254712345678\"}").data();
		assertThat(single.get("phone").asString()).isEqualTo("+254712345678");
		assertThat(single.get("isWhatsapp").asBoolean()).isTrue();
		assertThat(single.get("whatsappJid").asString()).isEqualTo("254712345678@c.us");
		assertThat(single.get("status").asString()).isEqualTo("valid");
		assertThat(single.get("cached").asBoolean()).isFalse();

		HttpJson.Response bulk = this.live.post("/v1/numbers/verify-bulk",
				"{\"phones\": [\"254712345678\", \"254787654321\", \"254799123456\", \"254799123450\"]}");
		assertThat(bulk.status()).as(bulk.body()).isEqualTo(200);
		assertThat(bulk.data()).extracting((answer) -> answer.get("status").asString())
			.containsExactly("valid", "valid", "valid", "invalid");
		assertThat(bulk.data().get(0).get("cached").asBoolean()).isTrue();
		assertThat(bulk.data().get(3).get("whatsappJid").isNull()).isTrue();
	}

	@Test
	void checksArePacedPerSessionAndTheRestAre429WithRetryAfter() {
		this.live.post("/v1/waha/sessions", Map.of("name", "Paced"));
		List<String> phones = new ArrayList<>();
		for (int i = 0; i < 13; i++) {
			phones.add("2547123456" + (10 + i));
		}
		long start = System.nanoTime();
		HttpJson.Response refused = this.live.post("/v1/numbers/verify-bulk", Map.of("phones", phones));
		assertThat(refused.status()).as(refused.body()).isEqualTo(429);
		assertThat(refused.code()).isEqualTo("rate_limited");
		assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 2);
		// At 60 checks a minute, the ten seconds it waited held about ten checks.
		assertThat((System.nanoTime() - start) / 1_000_000).isBetween(8_000L, 15_000L);
		JsonNode again = this.live.post("/v1/numbers/verify-bulk", Map.of("phones", phones.subList(0, 8))).data();
		assertThat(again).allSatisfy((answer) -> assertThat(answer.get("cached").asBoolean()).isTrue());
	}

	@Test
	void badInputIsA4xx() {
		this.live.post("/v1/waha/sessions", Map.of("name", "Checker"));
		assertThat(this.live.post("/v1/numbers/verify", Map.of("phone", "12")).status()).isEqualTo(422);
		assertThat(this.live.post("/v1/numbers/verify-bulk", Map.of("phones", List.of())).status()).isEqualTo(422);
		List<String> many = new ArrayList<>();
		for (int i = 0; i < 21; i++) {
			many.add("254712345678");
		}
		assertThat(this.live.post("/v1/numbers/verify-bulk", Map.of("phones", many)).status()).isEqualTo(422);
		assertThat(
				this.live.post("/v1/numbers/verify", Map.of("phone", "254712345678", "session_id", 999999999)).status())
			.isEqualTo(404);
	}

}
