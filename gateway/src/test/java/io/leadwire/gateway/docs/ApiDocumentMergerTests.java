package io.leadwire.gateway.docs;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDocumentMergerTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final JsonNode base = ApiReference.read(this.json, "docs/openapi-base.json");

	private ApiReference.ServiceDocument service(String id, String paths, String document) {
		RouteDefinition route = new RouteDefinition();
		route.setId(id);
		route.setUri(URI.create("http://127.0.0.1:1"));
		route.setPredicates(List.of(new PredicateDefinition("Path=" + paths)));
		return new ApiReference.ServiceDocument(route, this.json.readTree(document));
	}

	@Test
	void keepsOnlyRoutedPathsTagsThemAndKeepsOperationIdsUnique() {
		ObjectNode merged = new ApiDocumentMerger(this.base).merge(List.of(
				service("leads", "/v1/leads,/v1/leads/**",
						"{\"paths\":{\"/v1/leads\":{\"get\":{\"operationId\":\"list\"}},"
								+ "\"/v1/admin/secret\":{\"get\":{\"operationId\":\"hidden\"}}}}"),
				service("contacts", "/v1/contacts/**",
						"{\"paths\":{\"/v1/contacts/{id}\":{\"get\":{\"operationId\":\"list\"}}}}"),
				service("messaging", "/v1/webhooks/**",
						"{\"paths\":{\"/v1/webhooks/waha\":{\"post\":{\"operationId\":\"receive\"}}}}")));

		JsonNode paths = merged.get("paths");
		assertThat(paths.has("/v1/admin/secret")).isFalse();
		assertThat(paths.at("/~1v1~1leads/get/operationId").asString()).isEqualTo("leads_list");
		assertThat(paths.at("/~1v1~1contacts~1{id}/get/operationId").asString()).isEqualTo("contacts_list");
		assertThat(paths.at("/~1v1~1leads/get/tags/0").asString()).isEqualTo("Leads");
		assertThat(paths.at("/~1v1~1contacts~1{id}/get/parameters").toString()).contains("OnBehalfOf", "CompanyId")
			.doesNotContain("IdempotencyKey");
		// Each operation names the scope a key needs for it.
		assertThat(paths.at("/~1v1~1leads/get/x-required-scope").asString()).isEqualTo("leads:read");
		assertThat(paths.at("/~1v1~1leads/get/description").asString()).endsWith("**Scope:** `leads:read`");
		assertThat(paths.at("/~1v1~1contacts~1{id}/get/x-required-scope").asString()).isEqualTo("contacts:read");
		// Webhooks: no key (a signature instead), no shared headers.
		assertThat(paths.at("/~1v1~1webhooks~1waha/post/security").isEmpty()).isTrue();
		assertThat(paths.at("/~1v1~1webhooks~1waha/post").has("parameters")).isFalse();
		// The gateway's own operations and no internal extension.
		assertThat(paths.has("/v1/health")).isTrue();
		assertThat(merged.has("x-leadwire-shared-parameters")).isFalse();
	}

	@Test
	void aSchemaTwoServicesShapeDifferentlyIsRenamedForTheLaterAndItsReferencesFollow() {
		String first = "{\"paths\":{\"/v1/leads\":{\"get\":{\"operationId\":\"a\",\"responses\":{\"200\":"
				+ "{\"content\":{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/View\"}}}}}}}},"
				+ "\"components\":{\"schemas\":{\"View\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}},"
				+ "\"Same\":{\"type\":\"string\"}}}}";
		String second = first.replace("/v1/leads", "/v1/contacts")
			.replace("\"a\":{\"type\":\"string\"}", "\"b\":{\"type\":\"integer\"}");
		ObjectNode merged = new ApiDocumentMerger(this.base)
			.merge(List.of(service("leads", "/v1/leads", first), service("contacts", "/v1/contacts", second)));

		JsonNode schemas = merged.at("/components/schemas");
		assertThat(schemas.at("/View/properties").has("a")).isTrue();
		assertThat(schemas.at("/ContactsView/properties").has("b")).isTrue();
		assertThat(schemas.has("ContactsSame")).isFalse();
		assertThat(
				merged.at("/paths/~1v1~1contacts/get/responses/200/content/application~1json/schema/$ref").asString())
			.isEqualTo("#/components/schemas/ContactsView");
		assertThat(merged.at("/paths/~1v1~1leads/get/responses/200/content/application~1json/schema/$ref").asString())
			.isEqualTo("#/components/schemas/View");
	}

}
