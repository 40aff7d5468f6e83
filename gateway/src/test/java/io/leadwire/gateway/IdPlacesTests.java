package io.leadwire.gateway;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadwire.testing.HttpJson;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ids are decoded from exactly the declared places; internal ids written anywhere else
 * are refused (issue 13, finding 6).
 */
class IdPlacesTests extends GatewayTestBase {

	HttpJson caller() {
		return client().header("X-API-Key", KEY);
	}

	@Test
	void aMatrixParameterInThePathIs404AndNeverReachesTheService() {
		services.resetRequests();
		for (String path : new String[] { "/v1/leads/1000040;x=1", "/v1/leads/" + IDS.encode(1000040) + ";x=1",
				"/v1/leads;x=1", "/v1/leads/1000040%3Bx=1" }) {
			HttpJson.Response response = caller().get(path);
			assertThat(response.status()).as(path).isEqualTo(404);
			assertThat(response.code()).isEqualTo("not_found");
		}
		assertThat(services.findAll(anyRequestedFor(urlPathMatching("/v1/leads.*")))).isEmpty();
	}

	@Test
	void rawInternalIdsInDeclaredBodyFieldsAre422() {
		services.resetRequests();
		HttpJson.Response response = caller().post("/v1/leads/verify", Map.of("leadIds", List.of(1000027)));
		assertThat(response.status()).isEqualTo(422);
		assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("leadIds[0]");
		assertThat(caller().post("/v1/leads/verify", Map.of("lead_ids", List.of(1000027))).status()).isEqualTo(422);
		assertThat(caller().post("/v1/leads", Map.of("email", "a@b.co", "assignedTo", 1000030)).status())
			.isEqualTo(422);
		assertThat(services.findAll(postRequestedFor(urlEqualTo("/v1/leads/verify")))).isEmpty();
	}

	@Test
	void aCustomFieldNamedIdIsTheCustomersDataAndPassesUntouched() {
		services.resetRequests();
		HttpJson.Response response = caller().post("/v1/leads",
				Map.of("email", "crm@b.co", "customFields", Map.of("id", "CRM-42", "leadIds", List.of("x"))));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(services
			.findAll(postRequestedFor(urlEqualTo("/v1/leads")).withRequestBody(matchingJsonPath("$.customFields.id",
					com.github.tomakehurst.wiremock.client.WireMock.equalTo("CRM-42")))))
			.hasSize(1);
	}

}
