package io.leadwire.gateway;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.leadwire.testing.HttpJson;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Large bodies: JSON up to 10 MB has its ids rewritten (no 256 KB codec limit), larger
 * JSON is 413, and everything that is not JSON streams through without being held.
 */
class BodyStreamingTests extends GatewayTestBase {

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void aJsonBodyOfNearlyTenMegabytesHasItsIdsDecoded() {
		String notes = "n".repeat(10 * 1024 * 1024 - 200);
		String body = "{\"email\":\"a@b.co\",\"assigned_to\":\"" + IDS.encode(1000030) + "\",\"notes\":\"" + notes
				+ "\"}";
		HttpJson.Response response = client().header("X-API-Key", KEY).post("/v1/leads", body);
		assertThat(response.status()).isEqualTo(200);
		String forwarded = services.findAll(postRequestedFor(urlEqualTo("/v1/leads"))).get(0).getBodyAsString();
		assertThat(forwarded).startsWith("{\"email\":\"a@b.co\",\"assigned_to\":1000030,").contains(notes);
	}

	@Test
	void aJsonBodyOverTenMegabytesIs413InTheEnvelope() {
		String body = "{\"notes\":\"" + "n".repeat(10 * 1024 * 1024 + 10) + "\"}";
		HttpJson.Response response = client().header("X-API-Key", KEY).post("/v1/leads", body);
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.code()).isEqualTo("payload_too_large");
		assertThat(services.findAll(postRequestedFor(urlEqualTo("/v1/leads")))).isEmpty();
	}

	@Test
	void aTwentyMegabyteUploadPassesThroughUntouched() throws Exception {
		services.stubFor(post("/v1/leads/import")
			.willReturn(okJson("{\"success\":true,\"data\":{\"id\":1000050,\"status\":\"queued\"}}").withStatus(202)));
		String boundary = "leadwire-boundary";
		StringBuilder csv = new StringBuilder("name,phone\n");
		while (csv.length() < 20 * 1024 * 1024) {
			csv.append("Ada Lovelace,+14155550100\n");
		}
		String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"l.csv\"\r\n"
				+ "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url("/v1/leads/import")))
			.header("X-API-Key", KEY)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(multipart))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.body()).contains("\"id\":\"" + IDS.encode(1000050) + "\"");
		byte[] forwarded = services.findAll(postRequestedFor(urlEqualTo("/v1/leads/import"))).get(0).getBody();
		assertThat(new String(forwarded, StandardCharsets.UTF_8)).isEqualTo(multipart);
	}

	@Test
	void aCsvExportReachesTheClientWhileTheServiceIsStillWriting() throws Exception {
		services.stubFor(get(urlPathEqualTo("/v1/contacts/export")).atPriority(1)
			.willReturn(aResponse().withHeader("Content-Type", "text/csv")
				.withBody("id,name\n" + "1000040,Ada\n".repeat(2000))
				.withChunkedDribbleDelay(8, 2400)));
		long start = System.nanoTime();
		HttpResponse<InputStream> response = http
			.send(HttpRequest.newBuilder(URI.create(url("/v1/contacts/export?format=csv")))
				.header("X-API-Key", KEY)
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream body = response.body()) {
			assertThat(body.read()).isEqualTo('i');
			long firstByte = System.nanoTime() - start;
			byte[] rest = body.readAllBytes();
			long all = System.nanoTime() - start;
			assertThat(Duration.ofNanos(firstByte)).isLessThan(Duration.ofMillis(1200));
			assertThat(Duration.ofNanos(all)).isGreaterThan(Duration.ofMillis(1800));
			assertThat(rest.length + 1).isEqualTo(8 + 12 * 2000);
		}
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
