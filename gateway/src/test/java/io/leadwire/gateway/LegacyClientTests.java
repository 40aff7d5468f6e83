package io.leadwire.gateway;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import io.leadwire.testing.HttpJson;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The older products' clients work with only the host changed (docs/api.md §7): their
 * path prefixes, {@code X-HTTP-Method-Override} and {@code "_method"}.
 */
class LegacyClientTests extends GatewayTestBase {

	@Test
	void everyAliasPrefixReachesTheSameEndpointWithEncodedIds() {
		String lead = IDS.encode(1000040);
		for (String prefix : new String[] { "/public/api/v1", "/public/api", "/api/v1", "/api", "/v1" }) {
			HttpJson.Response response = client().header("X-API-Key", KEY).get(prefix + "/leads/" + lead);
			assertThat(response.status()).as(prefix).isEqualTo(200);
			assertThat(response.data().get("id").asString()).as(prefix).isEqualTo(lead);
		}
		assertThat(services.findAll(anyRequestedFor(urlPathEqualTo("/v1/leads/1000040")))).hasSize(5);
	}

	@Test
	void accountsCompaniesWithoutAPrefixIsServed() {
		services.stubFor(get("/v1/accounts/companies")
			.willReturn(okJson("{\"success\":true,\"data\":[{\"_id\":1000020,\"id\":1000020,\"name\":\"Acme\"}]}")));
		HttpJson.Response response = client().header("X-API-Key", KEY).get("/accounts/companies");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.data().get(0).get("_id").asString()).isEqualTo(IDS.encode(1000020));
	}

	@Test
	void onlyAgencyHandysPathAsksForAgencyHandysShape() {
		services.stubFor(get("/v1/accounts/companies").willReturn(
				okJson("{\"message\":\"Companies associated with API token.\",\"companies\":[{\"_id\":1000020}]}")));
		HttpJson.Response legacy = client().header("X-API-Key", KEY).get("/accounts/companies");
		assertThat(legacy.json().get("companies").get(0).get("_id").asString()).isEqualTo(IDS.encode(1000020));
		client().header("X-API-Key", KEY).header("X-Leadwire-Shape", "agencyhandy").get("/v1/accounts/companies");
		client().header("X-API-Key", KEY).get("/api/accounts/companies");
		List<LoggedRequest> forwarded = services.findAll(getRequestedFor(urlPathEqualTo("/v1/accounts/companies")));
		assertThat(forwarded).hasSize(3);
		assertThat(forwarded.get(0).getHeader("X-Leadwire-Shape")).isEqualTo("agencyhandy");
		assertThat(forwarded.get(1).containsHeader("X-Leadwire-Shape")).as("a client may not ask for it itself")
			.isFalse();
		assertThat(forwarded.get(2).containsHeader("X-Leadwire-Shape")).as("the /api alias keeps the envelope")
			.isFalse();
	}

	@Test
	void aliasesOfPublicPathsNeedNoKey() {
		assertThat(client().get("/public/api/v1/health").status()).isEqualTo(200);
		assertThat(client().get("/api/health").status()).isEqualTo(200);
		assertThat(client().get("/api/leads").status()).isEqualTo(401);
	}

	@Test
	void methodOverrideHeaderTurnsAPostIntoAPut() {
		services.stubFor(put(urlPathEqualTo("/v1/leads/1000040")).atPriority(1)
			.willReturn(okJson("{\"success\":true,\"data\":{\"id\":1000040}}")));
		HttpJson.Response response = client().header("X-API-Key", KEY)
			.header("X-HTTP-Method-Override", "put")
			.post("/v1/leads/" + IDS.encode(1000040), Map.of("score", 5));
		assertThat(response.status()).isEqualTo(200);
		LoggedRequest forwarded = services.findAll(putRequestedFor(urlPathEqualTo("/v1/leads/1000040"))).get(0);
		assertThat(forwarded.containsHeader("X-HTTP-Method-Override")).isFalse();
		assertThat(forwarded.getBodyAsString()).contains("\"score\":5");
	}

	@Test
	void methodFieldInTheBodyTurnsAPostIntoAPutAndIsRemoved() {
		services.stubFor(put(urlPathEqualTo("/v1/leads/1000040")).atPriority(1)
			.willReturn(okJson("{\"success\":true,\"data\":{\"id\":1000040}}")));
		HttpJson.Response response = client().header("X-API-Key", KEY)
			.post("/api/v1/leads/" + IDS.encode(1000040),
					Map.of("_method", "PUT", "name", "Ada", "assigned_to", IDS.encode(1000030)));
		assertThat(response.status()).isEqualTo(200);
		String forwarded = services.findAll(putRequestedFor(urlPathEqualTo("/v1/leads/1000040")))
			.get(0)
			.getBodyAsString();
		assertThat(forwarded).contains("\"name\":\"Ada\"").contains("1000030").doesNotContain("_method");
	}

	@Test
	void anOverrideToAnythingButPutPatchOrDeleteIs400() {
		HttpJson.Response header = client().header("X-API-Key", KEY)
			.header("X-HTTP-Method-Override", "TRACE")
			.post("/v1/leads", Map.of("email", "a@b.co"));
		assertThat(header.status()).isEqualTo(400);
		assertThat(header.code()).isEqualTo("bad_request");
		HttpJson.Response body = client().header("X-API-Key", KEY)
			.post("/v1/leads", Map.of("_method", 42, "email", "a@b.co"));
		assertThat(body.status()).isEqualTo(400);
		assertThat(body.json().get("success").asBoolean()).isFalse();
	}

}
