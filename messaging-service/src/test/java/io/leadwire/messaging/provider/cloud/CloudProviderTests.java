package io.leadwire.messaging.provider.cloud;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.leadwire.messaging.provider.AccountException;
import io.leadwire.messaging.provider.MessageType;
import io.leadwire.messaging.provider.OutboundMessage;
import io.leadwire.messaging.provider.ProviderException;
import io.leadwire.testing.SharedInfrastructure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Cloud API adapter against a WireMock stub of Meta's Graph API (PROVIDERS.md): the
 * account a session connects, the exact body of each type, the {@code wamid} answer and
 * Meta's errors. Accounts are kept in the MongoDB wire server, token sealed.
 */
class CloudProviderTests {

	static WireMockServer meta;

	static CloudAccountStore accounts;

	CloudProvider provider;

	@BeforeAll
	static void start() {
		meta = new WireMockServer(options().dynamicPort());
		meta.start();
		var mongo = new org.springframework.data.mongodb.core.MongoTemplate(
				com.mongodb.client.MongoClients.create(SharedInfrastructure.get().mongoUri()), "cloud-provider-tests");
		accounts = new CloudAccountStore(mongo,
				new io.leadwire.common.crypto.SecretBox("a-context-secret-of-at-least-32-bytes!", "test"));
	}

	@AfterAll
	static void stop() {
		meta.stop();
	}

	@BeforeEach
	void setUp() {
		meta.resetAll();
		this.provider = new CloudProvider(accounts, JsonMapper.builder().build(), meta.baseUrl(), "v23.0",
				Duration.ofSeconds(2));
	}

	@Test
	void aSessionNeedsItsWholeAccountAndAPhoneNumberOnlyOnce() {
		String session = "lw-" + System.nanoTime();
		String phoneNumberId = Long.toString(100000000000000L + (System.nanoTime() % 1000000000L));
		assertThatThrownBy(() -> this.provider.create(session, "u", "s", Map.of("wabaId", "102290129340398")))
			.isInstanceOfSatisfying(AccountException.class, (ex) -> assertThat(ex.field()).isEqualTo("phoneNumberId"));
		assertThat(this.provider
			.create(session, "u", "s",
					Map.of("wabaId", "102290129340398", "phoneNumberId", phoneNumberId, "accessToken", "EAAG-token"))
			.status()).isEqualTo("WORKING");
		assertThatThrownBy(() -> this.provider.create(session + "b", "u", "s",
				Map.of("wabaId", "102290129340398", "phoneNumberId", phoneNumberId, "accessToken", "t")))
			.isInstanceOf(AccountException.class);
		assertThat(accounts.sessionOf(phoneNumberId)).contains(session);
	}

	@Test
	void typesArePostedWithTheExactBodyAndTheWamidIsKept() {
		String session = connected();
		meta.stubFor(post("/v23.0/106540352242922/messages").willReturn(okJson(
				"{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"254110377776\",\"wa_id\":\"254110377776\"}],"
						+ "\"messages\":[{\"id\":\"wamid.HBgM\"}]}")));

		assertThat(this.provider.send(message(session, MessageType.TEXT, "Hello"))).isEqualTo("wamid.HBgM");
		verify("""
				{"messaging_product":"whatsapp","recipient_type":"individual","to":"254110377776","biz_opaque_callback_data":"2","type":"text",
				 "text":{"body":"Hello","preview_url":false}}""");
		OutboundMessage image = new OutboundMessage(ref(), session, "+254110377776", null, MessageType.IMAGE, null,
				"https://via.placeholder.com/300", "This is a test image", null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null);
		this.provider.send(image);
		verify("""
				{"messaging_product":"whatsapp","recipient_type":"individual","to":"254110377776","biz_opaque_callback_data":"2","type":"image",
				 "image":{"link":"https://via.placeholder.com/300","caption":"This is a test image"}}""");
		OutboundMessage buttons = new OutboundMessage(ref(), session, "+254110377776", null, MessageType.BUTTONS,
				"Do you agree?", null, null, null, null, null, null, null, null, "LeadFlux", List.of("Yes", "No"), null,
				null, null, null, null, null, null);
		this.provider.send(buttons);
		verify("""
				{"messaging_product":"whatsapp","recipient_type":"individual","to":"254110377776","biz_opaque_callback_data":"2","type":"interactive",
				 "interactive":{"type":"button","body":{"text":"Do you agree?"},"footer":{"text":"LeadFlux"},
				 "action":{"buttons":[{"type":"reply","reply":{"id":"b1","title":"Yes"}},
				                      {"type":"reply","reply":{"id":"b2","title":"No"}}]}}}""");
		OutboundMessage list = new OutboundMessage(ref(), session, "+254110377776", null, MessageType.LIST, null, null,
				null, null, null, null, null, null, null, null, null, "Services Menu", "Choose a service:", "Select",
				List.of(new OutboundMessage.Section("Support",
						List.of(new OutboundMessage.Row("1", "Call Agent", null)))),
				null, null, null);
		this.provider.send(list);
		verify("""
				{"messaging_product":"whatsapp","recipient_type":"individual","to":"254110377776","biz_opaque_callback_data":"2","type":"interactive",
				 "interactive":{"type":"list","header":{"type":"text","text":"Services Menu"},
				 "body":{"text":"Choose a service:"},"action":{"button":"Select","sections":[{"title":"Support",
				 "rows":[{"id":"1","title":"Call Agent"}]}]}}}""");
		OutboundMessage template = new OutboundMessage(ref(), session, "+254110377776", null, MessageType.TEMPLATE,
				null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
				"order_update", "en_US", List.of("42"));
		this.provider.send(template);
		verify("""
				{"messaging_product":"whatsapp","recipient_type":"individual","to":"254110377776","biz_opaque_callback_data":"2","type":"template",
				 "template":{"name":"order_update","language":{"code":"en_US"},
				 "components":[{"type":"body","parameters":[{"type":"text","text":"42"}]}]}}""");
		// A campaign's template with named variables: each parameter names its variable.
		java.util.Map<String, String> named = new java.util.LinkedHashMap<>();
		named.put("first_name", "Jasper");
		named.put("order_id", "4521");
		this.provider.send(new OutboundMessage(ref(), session, "+254110377776", null, MessageType.TEMPLATE,
				"Hi Jasper, your order 4521 is on its way.", null, null, null, null, null, null, null, null, null, null,
				null, null, null, null, "order_update", "en_US", null, named));
		verify("""
				{"messaging_product":"whatsapp","recipient_type":"individual","to":"254110377776","biz_opaque_callback_data":"2","type":"template",
				 "template":{"name":"order_update","language":{"code":"en_US"},
				 "components":[{"type":"body","parameters":[{"type":"text","parameter_name":"first_name","text":"Jasper"},
				                                            {"type":"text","parameter_name":"order_id","text":"4521"}]}]}}""");
	}

	@Test
	void metasErrorsAreRefusalsOrRetryableAndPollsAreNotSent() {
		String session = connected();
		meta.stubFor(post("/v23.0/106540352242922/messages").willReturn(aResponse().withStatus(400)
			.withBody("{\"error\":{\"message\":\"Re-engagement message\",\"code\":131047}}")));
		assertThatThrownBy(() -> this.provider.send(message(session, MessageType.TEXT, "late")))
			.isInstanceOfSatisfying(ProviderException.class, (ex) -> assertThat(ex.retryable()).isFalse())
			.hasMessageContaining("131047");
		meta.stubFor(post("/v23.0/106540352242922/messages").willReturn(aResponse().withStatus(429)));
		assertThatThrownBy(() -> this.provider.send(message(session, MessageType.TEXT, "busy")))
			.isInstanceOfSatisfying(ProviderException.class, (ex) -> assertThat(ex.retryable()).isTrue());
		assertThat(this.provider.capabilities().sends(MessageType.POLL)).isFalse();
		assertThat(this.provider.capabilities().numberChecks()).isFalse();
	}

	private String connected() {
		String session = "lw-" + System.nanoTime();
		accounts.delete(session);
		accounts.sessionOf("106540352242922").ifPresent(accounts::delete);
		this.provider.create(session, "u", "s",
				Map.of("wabaId", "102290129340398", "phoneNumberId", "106540352242922", "accessToken", "EAAG-token"));
		return session;
	}

	private static void verify(String body) {
		meta.verify(postRequestedFor(urlEqualTo("/v23.0/106540352242922/messages"))
			.withHeader("Authorization", equalTo("Bearer EAAG-token"))
			.withRequestBody(equalToJson(body)));
	}

	private static OutboundMessage.Ref ref() {
		return new OutboundMessage.Ref(1, "LIVE", 2, 3, null);
	}

	private static OutboundMessage message(String session, MessageType type, String text) {
		return new OutboundMessage(ref(), session, "+254110377776", null, type, text, null, null, null, null, null,
				null, null, null, null, null, null, null, null, null, null, null, null);
	}

	@Test
	void aNumbersStandingIsReadFromTheGraphApiAndMetasRateLimitsMakeASendWait() {
		String session = "lw-" + System.nanoTime();
		String phoneNumberId = Long.toString(700000000000000L + (System.nanoTime() % 1000000000L));
		meta.stubFor(com.github.tomakehurst.wiremock.client.WireMock
			.get(urlEqualTo("/v23.0/" + phoneNumberId + "?fields=quality_rating,messaging_limit_tier,throughput"))
			.withHeader("Authorization", equalTo("Bearer EAAG-token"))
			.willReturn(okJson("""
					{"quality_rating":"YELLOW","messaging_limit_tier":"TIER_10K","throughput":{"level":"HIGH"},
					 "id":"%s"}""".formatted(phoneNumberId))));
		this.provider.create(session, "u", "s",
				Map.of("wabaId", "102290129340398", "phoneNumberId", phoneNumberId, "accessToken", "EAAG-token"));
		io.leadwire.messaging.provider.NumberHealth health = this.provider.health(session);
		assertThat(health.qualityRating()).isEqualTo("YELLOW");
		assertThat(health.messagingLimit()).isEqualTo(10_000);
		assertThat(health.perSecond()).isEqualTo(1_000);

		OutboundMessage text = new OutboundMessage(ref(), session, "+254110377776", null, MessageType.TEXT, "hi", null,
				null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
		for (var limit : List.of(List.of(130429, 1_000L, false), List.of(131056, 6_000L, true))) {
			meta.stubFor(
					post(urlEqualTo("/v23.0/" + phoneNumberId + "/messages")).willReturn(aResponse().withStatus(400)
						.withHeader("Content-Type", "application/json")
						.withBody("{\"error\":{\"message\":\"Rate limit hit\",\"type\":\"OAuthException\",\"code\":"
								+ limit.get(0) + "}}")));
			assertThatThrownBy(() -> this.provider.send(text)).isInstanceOfSatisfying(ProviderException.class, (ex) -> {
				assertThat(ex.retryAfter()).isEqualTo(Duration.ofMillis((Long) limit.get(1)));
				assertThat(ex.recipientOnly()).isEqualTo(limit.get(2));
				assertThat(ex.code()).isEqualTo("meta_" + limit.get(0));
			});
		}
	}

}
