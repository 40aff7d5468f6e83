package io.leadwire.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.leadwire.testing.HttpJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed and careless requests answered with a 4xx in the envelope, with a request id
 * and the security headers, and no credential in any log line (issue 13, findings 2, 3
 * and 8).
 */
@ExtendWith(OutputCaptureExtension.class)
class MalformedRequestTests extends GatewayTestBase {

	static final JsonMapper JSON = JsonMapper.builder().build();

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aMalformedContentTypeIs400InTheEnvelopeOnEveryMethodAndTheQueryKeyIsNeverLogged(CapturedOutput output)
			throws Exception {
		for (String type : new String[] { ";;;=", "/", "json", "application/", "a/b/c", "*/*", "application/*",
				"application/json; charset=bogus", "application/json; charset=\"utf-8" }) {
			for (String method : new String[] { "GET", "POST", "PATCH", "DELETE" }) {
				HttpResponse<String> response = send(HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v1/leads?limit=1&api_key=" + KEY))
					.header("Content-Type", type)
					.method(method, HttpRequest.BodyPublishers.ofString("{}")));
				assertThat(response.statusCode()).as("%s with %s", method, type).isEqualTo(400);
				assertEnvelope(response.body(), "bad_request");
				assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
			}
		}
		assertThat(output.getAll()).doesNotContain(KEY).doesNotContain(KEY.substring(15));
	}

	@Test
	void credentialsLoggedByAnyCodePathAreMasked(CapturedOutput output) {
		LoggerFactory.getLogger("io.leadwire.gateway.test")
			.warn("GET /v1/leads?api_key={} with X-API-Key: {}", KEY, KEY, new IllegalStateException("key " + KEY));
		assertThat(output.getAll()).contains("GET /v1/leads?api_key=***").doesNotContain(KEY.substring(15));
	}

	@Test
	void methodsOutsideTheApiAre405InTheEnvelopeWithARequestId() throws IOException {
		for (String method : new String[] { "CONNECT", "TRACE", "PROPFIND", "FOO" }) {
			String response = raw(method + " /v1/leads HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + KEY
					+ "\r\nConnection: close\r\n\r\n");
			assertThat(response).as(method).startsWith("HTTP/1.1 405");
			assertThat(response.toLowerCase()).as(method).contains("x-request-id:");
			assertEnvelope(response.substring(response.indexOf("\r\n\r\n") + 4), "method_not_allowed");
		}
	}

	@Test
	void requestsThatDoNotDecodeGetTheEnvelopeAndARequestId() throws IOException {
		String longUrl = "/v1/leads?q=" + "x".repeat(20_000);
		String[][] cases = { { "GET " + longUrl + " HTTP/1.1\r\nHost: a\r\n\r\n", "414", "uri_too_long" },
				{ "GET /v1/leads HTTP/1.1\r\nHost: a\r\nX-Big: " + "y".repeat(20_000) + "\r\n\r\n", "431",
						"headers_too_large" },
				{ "GET /v1/leads/%zz HTTP/1.1\r\nHost: a\r\nConnection: close\r\nX-API-Key: " + KEY + "\r\n\r\n", "400",
						"bad_request" },
				{ "GET /v1/leads/%C3 HTTP/1.1\r\nHost: a\r\nConnection: close\r\nX-API-Key: " + KEY + "\r\n\r\n", "404",
						"not_found" } };
		for (String[] sent : cases) {
			String response = raw(sent[0]);
			String shown = sent[0].substring(0, Math.min(40, sent[0].length()));
			assertThat(response).as(shown).startsWith("HTTP/1.1 " + sent[1]);
			assertThat(response.toLowerCase()).as(shown)
				.contains("x-request-id:")
				.contains("x-content-type-options: nosniff");
			assertEnvelope(response.substring(response.indexOf("\r\n\r\n") + 4), sent[2]);
		}
	}

	@Test
	void ambiguousCredentialsAre400() throws Exception {
		String other = io.leadwire.common.apikey.ApiKeyFormat.generate(io.leadwire.common.context.Environment.LIVE);
		String url = "http://127.0.0.1:" + this.port + "/v1/leads";
		HttpRequest[] ambiguous = {
				HttpRequest.newBuilder(URI.create(url)).header("X-API-Key", KEY).header("X-API-Key", other).build(),
				HttpRequest.newBuilder(URI.create(url))
					.header("X-API-Key", KEY)
					.header("Authorization", "Bearer " + other)
					.build(),
				HttpRequest.newBuilder(URI.create(url + "?api_key=" + other)).header("X-API-Key", KEY).build(),
				HttpRequest.newBuilder(URI.create(url + "?api_key=" + KEY + "&api_key=" + other)).build(),
				HttpRequest.newBuilder(URI.create(url))
					.header("X-API-Key", KEY)
					.header("X-Company-Id", "a")
					.header("companyid", "b")
					.build(),
				HttpRequest.newBuilder(URI.create(url))
					.header("X-API-Key", KEY)
					.header("X-On-Behalf-Of", "a")
					.header("X-On-Behalf-Of", "b")
					.build() };
		for (HttpRequest request : ambiguous) {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(request.headers().map().toString()).isEqualTo(400);
			assertEnvelope(response.body(), "ambiguous_credentials");
		}
	}

	@Test
	void everyResponseSaysNosniffAndNoStore() {
		for (HttpJson.Response response : new HttpJson.Response[] {
				client().header("X-API-Key", KEY).get("/v1/leads/" + IDS.encode(1000040)), client().get("/v1/leads"),
				client().header("X-API-Key", KEY).get("/v1/nothing-here") }) {
			assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(response.header("Cache-Control")).isEqualTo("no-store");
		}
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String raw(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			in.transferTo(all);
			return all.toString(StandardCharsets.UTF_8);
		}
	}

	static void assertEnvelope(String body, String code) {
		JsonNode json = JSON.readTree(body);
		assertThat(json.get("success").asBoolean()).as(body).isFalse();
		assertThat(json.get("code").asString()).as(body).isEqualTo(code);
		assertThat(json.get("meta").get("requestId").asString()).as(body).isNotBlank();
		assertThat(body).doesNotContain("Exception").doesNotContain("at io.");
	}

}
