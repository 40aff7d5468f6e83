package io.leadwire.messaging.provider.waha;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.leadwire.messaging.provider.MessageType;
import io.leadwire.messaging.provider.OutboundMessage;
import io.leadwire.messaging.provider.ProviderException;
import io.leadwire.messaging.provider.ProviderSession;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The WAHA adapter against a WireMock stub built from PROVIDERS.md: every call's path,
 * headers and exact body, the engine-specific send responses, and failures.
 */
class WahaProviderTests {

	static WireMockServer waha;

	WahaProvider provider;

	@BeforeAll
	static void start() {
		waha = new WireMockServer(options().dynamicPort());
		waha.start();
	}

	@AfterAll
	static void stop() {
		waha.stop();
	}

	@BeforeEach
	void setUp() {
		waha.resetAll();
		this.provider = new WahaProvider(waha.baseUrl(), "waha-key", "NOWEB", JsonMapper.builder().build(),
				Duration.ofSeconds(2));
	}

	@Test
	void aSessionIsCreatedStartedWithOurSignedWebhookAndItsQrIsFetched() {
		waha.stubFor(post("/api/sessions").withHeader("X-Api-Key", equalTo("waha-key"))
			.withRequestBody(equalToJson("""
					{"name": "lw-7", "start": true, "config": {"webhooks": [{
					  "url": "https://api.example/v1/webhooks/waha",
					  "events": ["message", "message.ack", "session.status"],
					  "hmac": {"key": "s3cret"},
					  "retries": {"policy": "exponential", "delaySeconds": 2, "attempts": 15}}]}}"""))
			.willReturn(okJson("{\"name\":\"lw-7\",\"status\":\"SCAN_QR_CODE\",\"engine\":{\"engine\":\"NOWEB\"}}")));
		waha.stubFor(get("/api/lw-7/auth/qr?format=image").withHeader("Accept", equalTo("application/json"))
			.willReturn(okJson("{\"mimetype\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}")));

		ProviderSession session = this.provider.create("lw-7", "https://api.example/v1/webhooks/waha", "s3cret");

		assertThat(session.status()).isEqualTo("SCAN_QR_CODE");
		assertThat(session.qrPng()).isEqualTo("iVBORw0KGgo=");
	}

	@Test
	void aWorkingSessionShowsItsNumberAndDeleteLogsOut() {
		waha.stubFor(get("/api/sessions/lw-7").willReturn(okJson(
				"{\"name\":\"lw-7\",\"status\":\"WORKING\",\"me\":{\"id\":\"254712345678@c.us\",\"pushName\":\"Shop\"}}")));
		waha.stubFor(delete("/api/sessions/lw-7").willReturn(aResponse().withStatus(200)));

		ProviderSession session = this.provider.status("lw-7");
		this.provider.delete("lw-7");

		assertThat(session.status()).isEqualTo("WORKING");
		assertThat(session.phone()).isEqualTo("+254712345678");
		assertThat(session.qrPng()).isNull();
		waha.verify(deleteRequestedFor(urlEqualTo("/api/sessions/lw-7")));
	}

	@Test
	void aNameThatExistsIsARefusalNotWorthRetrying() {
		waha.stubFor(post("/api/sessions").willReturn(aResponse().withStatus(422)
			.withBody("{\"message\":\"Session 'lw-7' already exists. Use PUT to update it.\"}")));
		assertThatThrownBy(() -> this.provider.create("lw-7", "https://x.example", "k"))
			.isInstanceOfSatisfying(ProviderException.class, (ex) -> assertThat(ex.retryable()).isFalse())
			.hasMessageContaining("422");
		waha.stubFor(post("/api/sendText").willReturn(aResponse().withStatus(503)));
		assertThatThrownBy(() -> this.provider.send(text("hi"))).isInstanceOfSatisfying(ProviderException.class,
				(ex) -> assertThat(ex.retryable()).isTrue());
	}

	@Test
	void everyTypeIsPostedToItsEndpointWithTheExactBody() {
		expect("/api/sendText", """
				{"session":"lw-7","chatId":"254110377776@c.us","text":"Hello from LeadFlux API!"}""",
				text("Hello from LeadFlux API!"));
		expect("/api/sendImage", """
				{"session":"lw-7","chatId":"254110377776@c.us","file":{"url":"https://via.placeholder.com/300",
				 "filename":"300"},"caption":"This is a test image"}""",
				media(MessageType.IMAGE, "https://via.placeholder.com/300", "This is a test image"));
		expect("/api/sendVideo", """
				{"session":"lw-7","chatId":"254110377776@c.us","file":{"mimetype":"video/mp4",
				 "url":"https://www.w3schools.com/html/mov_bbb.mp4","filename":"mov_bbb.mp4"},"caption":"Test Video",
				 "asNote":false,"convert":false}""",
				media(MessageType.VIDEO, "https://www.w3schools.com/html/mov_bbb.mp4", "Test Video"));
		expect("/api/sendFile", """
				{"session":"lw-7","chatId":"254110377776@c.us","file":{"url":"https://x.example/dummy.pdf",
				 "filename":"dummy.pdf"},"caption":"Document File"}""",
				media(MessageType.DOCUMENT, "https://x.example/dummy.pdf", "Document File"));
		expect("/api/sendLocation", """
				{"session":"lw-7","chatId":"254110377776@c.us","latitude":-1.2841,"longitude":36.8155,"title":""}""",
				message(MessageType.LOCATION, null, null, null, "-1.2841", "36.8155", null, null, null, null, null,
						null, null, null, null, null));
		expect("/api/sendContactVcard", """
				{"session":"lw-7","chatId":"254110377776@c.us","contacts":[{"fullName":"John Doe",
				 "phoneNumber":"+254700000000","whatsappId":"254700000000"}]}""", message(MessageType.CONTACT, null,
				null, null, null, null, "John Doe", "+254700000000", null, null, null, null, null, null, null, null));
		expect("/api/sendPoll", """
				{"session":"lw-7","chatId":"254110377776@c.us","poll":{"name":"What is your favorite framework?",
				 "options":["Laravel","CodeIgniter","Node.js"],"multipleAnswers":false}}""",
				message(MessageType.POLL, null, null, null, null, null, null, null, "What is your favorite framework?",
						List.of("Laravel", "CodeIgniter", "Node.js"), null, null, null, null, null, null));
		expect("/api/sendList", """
				{"session":"lw-7","chatId":"254110377776@c.us","message":{"title":"Services Menu",
				 "description":"Choose a service:","button":"Select","sections":[{"title":"Support",
				 "rows":[{"title":"Call Agent","rowId":"1"},{"title":"Open Ticket","rowId":"2"}]}]}}""",
				message(MessageType.LIST, null, null, null, null, null, null, null, null, null, null, null,
						"Services Menu", "Choose a service:", "Select",
						List.of(new OutboundMessage.Section("Support",
								List.of(new OutboundMessage.Row("1", "Call Agent", null),
										new OutboundMessage.Row("2", "Open Ticket", null))))));
	}

	@Test
	void theSendResponseIdIsReadWhateverTheEngineAnswers() {
		waha.stubFor(post("/api/sendText").willReturn(okJson(
				"{\"key\":{\"remoteJid\":\"254110377776@s.whatsapp.net\",\"fromMe\":true,\"id\":\"3EB0ABC\"},\"status\":\"PENDING\"}")));
		assertThat(this.provider.send(text("a"))).isEqualTo("3EB0ABC");
		waha.stubFor(post("/api/sendText")
			.willReturn(okJson("{\"id\":{\"fromMe\":true,\"_serialized\":\"true_254110377776@c.us_3EB0DEF\"}}")));
		assertThat(this.provider.send(text("b"))).isEqualTo("true_254110377776@c.us_3EB0DEF");
		waha.stubFor(post("/api/sendText").willReturn(aResponse().withStatus(201)));
		assertThat(this.provider.send(text("c"))).isNull();
	}

	@Test
	void aNumberIsCheckedWithCheckExistsAndItsChatIdKept() {
		waha.stubFor(get("/api/contacts/check-exists?phone=5511987654321&session=lw-7")
			.withHeader("X-Api-Key", equalTo("waha-key"))
			.willReturn(okJson("{\"numberExists\":true,\"chatId\":\"551187654321@c.us\"}")));
		waha.stubFor(get("/api/contacts/check-exists?phone=254110377770&session=lw-7")
			.willReturn(okJson("{\"numberExists\":false}")));

		assertThat(this.provider.checkNumber("lw-7", "+5511987654321").chatId()).isEqualTo("551187654321@c.us");
		assertThat(this.provider.checkNumber("lw-7", "+254110377770").exists()).isFalse();
	}

	@Test
	void anUnknownOutcomeIsLookedUpInTheChatsRecentMessagesFromUs() {
		java.time.Instant since = java.time.Instant.ofEpochSecond(1764410000);
		waha.stubFor(get("/api/lw-7/chats/254110377776%40c.us/messages?limit=20&downloadMedia=false")
			.withHeader("X-Api-Key", equalTo("waha-key"))
			.willReturn(
					okJson("""
							[{"id":"true_254110377776@c.us_OLD","timestamp":1764409000,"fromMe":true,"body":"Hello again"},
							 {"id":"false_254110377776@c.us_IN1","timestamp":1764410005,"fromMe":false,"body":"Hello again"},
							 {"id":"true_254110377776@c.us_3EB0NEW","timestamp":1764410003,"fromMe":true,"body":"Hello again"}]""")));
		assertThat(this.provider.lookup(text("Hello again"), since)).contains("true_254110377776@c.us_3EB0NEW");
		assertThat(this.provider.lookup(text("Never sent"), since)).as("not there: it never went").isEmpty();
	}

	@Test
	void buttonsAreRefusedAndListsNeedGowsOrNoweb() {
		assertThat(this.provider.capabilities().sends(MessageType.BUTTONS)).isFalse();
		assertThat(this.provider.capabilities().reason(MessageType.BUTTONS)).contains("deprecated");
		assertThat(this.provider.capabilities().sends(MessageType.LIST)).isTrue();
		WahaProvider webjs = new WahaProvider(waha.baseUrl(), "k", "WEBJS", JsonMapper.builder().build(),
				Duration.ofSeconds(1));
		assertThat(webjs.capabilities().reason(MessageType.LIST)).contains("GOWS and NOWEB");
	}

	private void expect(String path, String body, OutboundMessage message) {
		waha.stubFor(post(path).willReturn(okJson("{}")));
		this.provider.send(message);
		waha.verify(postRequestedFor(urlEqualTo(path)).withHeader("X-Api-Key", equalTo("waha-key"))
			.withRequestBody(equalToJson(body)));
	}

	private static OutboundMessage text(String text) {
		return message(MessageType.TEXT, text, null, null, null, null, null, null, null, null, null, null, null, null,
				null, null);
	}

	private static OutboundMessage media(MessageType type, String url, String caption) {
		return message(type, null, url, caption, null, null, null, null, null, null, null, null, null, null, null,
				null);
	}

	private static OutboundMessage message(MessageType type, String text, String url, String caption, String lat,
			String lon, String contactName, String contactPhone, String question, List<String> options, String footer,
			List<String> buttons, String title, String description, String buttonText,
			List<OutboundMessage.Section> sections) {
		return new OutboundMessage(new OutboundMessage.Ref(1, "LIVE", 2, 3, null), "lw-7", "+254110377776", null, type,
				text, url, caption, lat, lon, contactName, contactPhone, question, options, footer, buttons, title,
				description, buttonText, sections, null, null, null);
	}

}
