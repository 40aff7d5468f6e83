package io.leadwire.gateway;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import io.netty.channel.DefaultEventLoop;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.leadwire.common.apikey.ApiKeyFormat;
import io.leadwire.common.context.Environment;
import io.leadwire.gateway.blocking.BlockingCallRecorder;
import io.leadwire.testing.HttpJson;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No blocking call on a Netty event loop anywhere in the gateway: BlockHound watches
 * every non-blocking thread while traffic goes through every filter (keys, unknown keys,
 * limits, usage, ids, aliases, method override, idempotency, large and streamed bodies,
 * errors). A blocking call is recorded, not thrown, so the report names every one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NoBlockingTests extends GatewayTestBase {

	static final List<String> blockingCalls = BlockingCallRecorder.CALLS;

	@BeforeAll
	static void watch() {
		// Already installed by the launcher session when run by Maven; this covers IDE
		// runs.
		BlockingCallRecorder.install();
	}

	@Test
	@Order(1)
	void blockHoundIsWatching() throws Exception {
		Mono.fromCallable(() -> {
			Thread.sleep(1);
			return 1;
		}).subscribeOn(Schedulers.parallel()).block();
		DefaultEventLoop loop = new DefaultEventLoop();
		try {
			loop.submit(() -> {
				Thread.sleep(1);
				return 1;
			}).await();
		}
		finally {
			loop.shutdownGracefully();
		}
		assertThat(blockingCalls).hasSizeGreaterThanOrEqualTo(2);
		assertThat(blockingCalls.get(blockingCalls.size() - 1)).contains("sleep");
		blockingCalls.remove(blockingCalls.size() - 1);
		blockingCalls.remove(blockingCalls.size() - 1);
	}

	@Test
	@Order(2)
	void theGatewayNeverBlocksAnEventLoop() {
		services.stubFor(get(urlPathEqualTo("/v1/contacts/export")).atPriority(1)
			.willReturn(aResponse().withHeader("Content-Type", "text/csv")
				.withBody("id\n" + "1000040\n".repeat(5000))
				.withChunkedDribbleDelay(4, 400)));
		String lead = "/v1/leads/" + IDS.encode(1000040);
		for (int round = 0; round < 3; round++) {
			HttpJson caller = client().header("X-API-Key", KEY);
			assertThat(caller.get(lead).status()).isEqualTo(200);
			assertThat(caller.get("/api/v1/leads/" + IDS.encode(1000040)).status()).isEqualTo(200);
			assertThat(caller.get("/v1/usage").status()).isEqualTo(200);
			assertThat(caller.get("/v1/leads/garbage").status()).isEqualTo(404);
			assertThat(caller.post("/v1/leads", Map.of("assignedTo", "garbage")).status()).isEqualTo(422);
			assertThat(caller.header("X-HTTP-Method-Override", "PATCH").post(lead, Map.of("score", 1)).status())
				.isEqualTo(200);
			String idempotencyKey = UUID.randomUUID().toString();
			HttpJson idempotent = caller.header("Idempotency-Key", idempotencyKey);
			assertThat(idempotent.post("/v1/leads", Map.of("email", "a@b.co")).status()).isEqualTo(200);
			assertThat(idempotent.post("/v1/leads", Map.of("email", "a@b.co")).header("Idempotent-Replayed"))
				.isEqualTo("true");
			assertThat(idempotent.post("/v1/leads", Map.of("email", "x@b.co")).status()).isEqualTo(422);
			assertThat(caller.post("/v1/leads", "{\"notes\":\"" + "n".repeat(2_000_000) + "\"}").status())
				.isEqualTo(200);
			assertThat(caller.get("/v1/contacts/export").body()).hasSize(3 + 8 * 5000);
			assertThat(caller.get("/v1/campaigns").status()).isEqualTo(503);
			assertThat(client().header("X-API-Key", ApiKeyFormat.generate(Environment.LIVE)).get(lead).status())
				.isEqualTo(401);
			assertThat(client().get("/v1/leads").status()).isEqualTo(401);
			assertThat(client().get("/public/api/v1/health").status()).isEqualTo(200);
		}
		assertThat(blockingCalls).isEmpty();
	}

}
