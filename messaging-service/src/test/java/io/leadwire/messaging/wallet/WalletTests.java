package io.leadwire.messaging.wallet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.messaging.ApikeyStub;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wallet: top-ups by platform administrators only, a debit per live send and never
 * below zero under concurrent sends, refunds of failed messages once, test keys free.
 */
@ServiceTest
class WalletTests {

	@LocalServerPort
	int port;

	long tenant;

	HttpJson live;

	HttpJson admin;

	@BeforeEach
	void setUp() {
		this.tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		this.live = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(this.tenant, Environment.LIVE));
		this.admin = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.platformAdmin());
	}

	@Test
	void theWalletShowsThePartnerApisShapeAndOnlyAdministratorsTopItUp() {
		HttpJson.Response wallet = this.live.get("/v1/wallet");
		assertThat(wallet.data().get("balance").asLong()).isZero();
		assertThat(wallet.data().get("currency").asString()).isEqualTo("XAF");
		assertThat(wallet.data().get("creditUnitPrice").asString()).isEqualTo("25.0000");
		assertThat(wallet.data().get("costPerMessage").asLong()).isEqualTo(1);

		assertThat(this.live.post("/v1/wallet/top-up", Map.of("tenantId", this.tenant, "credits", 100)).status())
			.isEqualTo(403);
		assertThat(this.admin.post("/v1/wallet/top-up", Map.of("tenantId", this.tenant, "credits", 0)).status())
			.isEqualTo(422);
		// A fraction is refused naming the field, never truncated (issue 26).
		HttpJson.Response fraction = this.admin.post("/v1/wallet/top-up",
				Map.of("tenantId", this.tenant, "credits", 1.5));
		assertThat(fraction.status()).as(fraction.body()).isEqualTo(400);
		assertThat(fraction.body()).contains("\"field\":\"credits\"");
		assertThat(this.live.get("/v1/wallet").data().get("balance").asLong()).isZero();
		Map<String, Object> topUp = Map.of("tenantId", this.tenant, "credits", 8450, "reference", "invoice-42");
		assertThat(this.admin.post("/v1/wallet/top-up", topUp).data().get("balance").asLong()).isEqualTo(8450);
		assertThat(this.admin.post("/v1/wallet/top-up", topUp).data().get("balance").asLong())
			.as("the same reference counts once")
			.isEqualTo(8450);
		assertThat(this.live.get("/v1/wallet/ledger").data()).hasSize(1);
	}

	@Test
	void fiftyConcurrentSendsOnABalanceOfTenSendTenAndNeverGoBelowZero() throws Exception {
		this.admin.post("/v1/wallet/top-up", Map.of("tenantId", this.tenant, "credits", 10));
		long session = this.live.post("/v1/waha/sessions", Map.of("name", "S", "ratePerMinute", 6000))
			.data()
			.get("id")
			.asLong();
		ExecutorService pool = Executors.newFixedThreadPool(25);
		List<Integer> statuses = new ArrayList<>();
		try {
			List<Callable<HttpJson.Response>> sends = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				int n = i;
				sends.add(() -> this.live.post("/v1/waha/send", Map.of("session_id", session, "to",
						"25411037777" + (n % 9 + 1), "type", "text", "message", "m" + n)));
			}
			for (Future<HttpJson.Response> send : pool.invokeAll(sends)) {
				statuses.add(send.get().status());
				if (send.get().status() == 402) {
					assertThat(send.get().code()).isEqualTo("insufficient_credits");
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(statuses).filteredOn((status) -> status == 202).hasSize(10);
		assertThat(statuses).filteredOn((status) -> status == 402).hasSize(40);
		assertThat(this.live.get("/v1/wallet").data().get("balance").asLong()).isZero();
		assertThat(this.live.get("/v1/wallet/ledger?limit=100").data()).hasSize(11);
	}

	@Test
	void aFailedMessageIsRefundedOnceAndTestKeysSpendNothing() {
		this.admin.post("/v1/wallet/top-up", Map.of("tenantId", this.tenant, "credits", 5));
		long session = this.live.post("/v1/waha/sessions", Map.of("name", "S", "ratePerMinute", 6000))
			.data()
			.get("id")
			.asLong();
		this.live.post("/v1/waha/send",
				Map.of("session_id", session, "to", "254110379990", "type", "text", "message", "not on WhatsApp"));
		assertThat(this.live.get("/v1/wallet").data().get("balance").asLong()).isEqualTo(4);
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> this.live.get("/v1/wallet").data().get("balance").asLong() == 5);
		assertThat(this.live.get("/v1/wallet/ledger").data()).extracting((entry) -> entry.get("reason").asString())
			.containsExactlyInAnyOrder("top-up", "message", "refund");

		HttpJson test = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(this.tenant, Environment.TEST));
		long testSession = test.post("/v1/sessions", Map.of("name", "T")).data().get("id").asLong();
		assertThat(test
			.post("/v1/waha/send",
					Map.of("session_id", testSession, "to", "254110377776", "type", "text", "message", "free"))
			.status()).isEqualTo(202);
		assertThat(this.live.get("/v1/wallet").data().get("balance").asLong()).isEqualTo(5);
	}

	@Test
	void aPartnersClientCompanySpendsThePartnersWalletAndSeesOnlyItsOwnMovements() {
		long company = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		ApikeyStub.clientOf(company, this.tenant);
		HttpJson client = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(company, Environment.LIVE));
		this.admin.post("/v1/wallet/top-up", Map.of("tenantId", this.tenant, "credits", 3));
		assertThat(this.admin.post("/v1/wallet/top-up", Map.of("tenantId", company, "credits", 2))
			.data()
			.get("balance")
			.asLong()).as("a client's top-up lands in its partner's wallet").isEqualTo(5);

		long session = client.post("/v1/waha/sessions", Map.of("name", "Client", "ratePerMinute", 6000))
			.data()
			.get("id")
			.asLong();
		assertThat(client
			.post("/v1/waha/send",
					Map.of("session_id", session, "to", "254110377771", "type", "text", "message", "on the partner"))
			.status()).isEqualTo(202);

		assertThat(this.live.get("/v1/wallet").data().get("balance").asLong()).isEqualTo(4);
		assertThat(client.get("/v1/wallet").data().get("balance").asLong()).as("the client sees the wallet it spends")
			.isEqualTo(4);
		assertThat(client.get("/v1/wallet/ledger").data()).extracting((entry) -> entry.get("reason").asString())
			.containsExactlyInAnyOrder("top-up", "message");
		assertThat(this.live.get("/v1/wallet/ledger").data()).extracting((entry) -> entry.get("reason").asString())
			.containsExactlyInAnyOrder("top-up", "top-up", "message");
	}

}
