package io.leadwire.gateway.ids;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.leadwire.common.api.ApiResponse.FieldError;
import io.leadwire.common.id.IdCodec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class JsonIdRewriterTests {

	private final IdCodec codec = new IdCodec("gateway-test-salt-value");

	private final JsonIdRewriter rewriter = new JsonIdRewriter(this.codec);

	private final JsonMapper json = JsonMapper.builder().build();

	private final Set<String> fields = IdRules.fromMetadata(Map.of("id-fields", List.of("id", "tenantId", "leadIds")))
		.fields();

	@Test
	void rawInternalIdsInDeclaredFieldsAreRefusedNotPassedOn() {
		JsonNode tree = this.json.readTree("""
				{"leadIds": [1000027, "%s", null], "id": 1000028}""".formatted(this.codec.encode(1000029)));
		List<FieldError> errors = this.rewriter.decode(tree, this.fields);
		assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("leadIds[0]", "leadIds[2]", "id");
		assertThat(errors).extracting(FieldError::message).containsOnly("must be an id string");
	}

	@Test
	void aServicesOpaqueSubtreesKeepTheCustomersOwnIdsBothWays() {
		IdRules rules = IdRules.of(List.of("id", "sessionId"), List.of(), List.of("sections"));
		JsonNode in = this.json.readTree("""
				{"session_id": "%s", "type": "list",
				 "sections": [{"title": "Support", "rows": [{"id": "1", "title": "Call Agent"}, {"id": 2}]}]}"""
			.formatted(this.codec.encode(1000005)));
		assertThat(this.rewriter.decode(in, rules.fields(), rules.opaque())).isEmpty();
		assertThat(in.get("session_id").asLong()).isEqualTo(1000005);
		assertThat(in.get("sections").get(0).get("rows").get(0).get("id").asString()).isEqualTo("1");
		assertThat(this.rewriter.decode(this.json.readTree("{\"sections\": [{\"rows\": [{\"id\": \"1\"}]}]}"),
				rules.fields()))
			.as("without the service's declaration the row id is taken for ours")
			.isNotEmpty();

		String out = "{\"data\":{\"id\":1000006,\"sections\":[{\"rows\":[{\"id\":2}]}]}}";
		JsonNode streamed = this.json.readTree(this.rewriter
			.encode(out.getBytes(java.nio.charset.StandardCharsets.UTF_8), rules.fields(), rules.opaque(), this.json));
		assertThat(streamed.get("data").get("id").asString()).isEqualTo(this.codec.encode(1000006));
		assertThat(streamed.get("data").get("sections").get(0).get("rows").get(0).get("id").asInt()).isEqualTo(2);
	}

	@Test
	void customFieldsAreTheCustomersDataAndNeverIdScanned() {
		JsonNode in = this.json.readTree("""
				{"email": "a@b.co", "customFields": {"id": "CRM-42", "tenantId": 7}, "custom_fields": {"id": 1}}""");
		assertThat(this.rewriter.decode(in, this.fields)).isEmpty();
		assertThat(in.get("customFields").get("id").asString()).isEqualTo("CRM-42");
		assertThat(in.get("customFields").get("tenantId").asInt()).isEqualTo(7);

		String out = "{\"data\":{\"id\":1000001,\"customFields\":{\"id\":42,\"leadIds\":[1000003]}}}";
		JsonNode streamed = this.json.readTree(
				this.rewriter.encode(out.getBytes(java.nio.charset.StandardCharsets.UTF_8), this.fields, this.json));
		assertThat(streamed.get("data").get("id").asString()).isEqualTo(this.codec.encode(1000001));
		assertThat(streamed.get("data").get("customFields").get("id").asInt()).isEqualTo(42);
		assertThat(streamed.get("data").get("customFields").get("leadIds").get(0).asLong()).isEqualTo(1000003);
		JsonNode tree = this.json.readTree(out);
		this.rewriter.encode(tree, this.fields);
		assertThat(tree.get("data").get("customFields").get("id").asInt()).isEqualTo(42);
	}

	@Test
	void encodesDeclaredFieldsAtAnyDepthAndLeavesOthersAlone() {
		JsonNode tree = this.json.readTree("""
				{"data": [{"id": 1000001, "tenantId": 1000002, "score": 42, "waJid": "4915123@c.us",
				 "nested": {"lead_ids": [1000003, 1000004]}}], "meta": {"total": 2}}""");

		this.rewriter.encode(tree, this.fields);

		JsonNode lead = tree.get("data").get(0);
		assertThat(lead.get("id").asString()).isEqualTo(this.codec.encode(1000001));
		assertThat(lead.get("tenantId").asString()).isEqualTo(this.codec.encode(1000002));
		assertThat(lead.get("nested").get("lead_ids").get(1).asString()).isEqualTo(this.codec.encode(1000004));
		assertThat(lead.get("score").asInt()).isEqualTo(42);
		assertThat(lead.get("waJid").asString()).isEqualTo("4915123@c.us");
		assertThat(tree.get("meta").get("total").asInt()).isEqualTo(2);
	}

	@Test
	void decodesPublicIdsAndNamesEveryFieldThatIsNotOne() {
		String id = this.codec.encode(1000005);
		JsonNode tree = this.json.readTree("{\"leadIds\": [\"" + id + "\", \"bogus\"], \"tenant_id\": 7, \"id\": \""
				+ id + "\", \"name\": \"" + id + "\"}");

		List<FieldError> errors = this.rewriter.decode(tree, this.fields);

		assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("leadIds[1]", "tenant_id");
		assertThat(tree.get("id").asLong()).isEqualTo(1000005);
		assertThat(tree.get("leadIds").get(0).asLong()).isEqualTo(1000005);
		assertThat(tree.get("name").asString()).isEqualTo(id);
	}

	@Test
	void pathPatternsAreTriedInOrderSoLiteralPathsAreNotIds() {
		IdRules rules = IdRules.fromMetadata(
				Map.of("id-paths", List.of("/v1/leads/import", "/v1/leads/imports/{id}", "/v1/leads/{id}/**")));
		assertThat(rules.pathIds("/v1/leads/import")).isEmpty();
		assertThat(rules.pathIds("/v1/leads/imports/abc")).containsEntry("id", "abc");
		assertThat(rules.pathIds("/v1/leads/xyz/assign")).containsEntry("id", "xyz");
		assertThat(rules.pathIds("/v1/leads")).isEmpty();
		assertThat(IdRules.snakeCase("gatewaySessionId")).isEqualTo("gateway_session_id");
	}

	@Test
	void streamingEncodeWritesWhatTheTreeEncodeWrites() {
		List<String> bodies = new java.util.ArrayList<>(List.of("""
				{"data": [{"id": 1000001, "tenantId": 1000002, "score": 42, "waJid": "4915123@c.us",
				 "nested": {"lead_ids": [1000003, 1000004, {"id": 1000005}, [1000006]]}}], "meta": {"total": 2}}""",
				"{\"id\": -1, \"tenantId\": 99999999999999999999, \"leadIds\": [1.5, \"x\", null, true, 1000007]}",
				"[{\"id\": 1000008}, 1000009, {\"id\": {\"id\": 1000010}}]", "1000011", "\"text\"", "{}",
				"{\"id\": " + IdCodec.MAX_ID + ", \"tenantId\": " + (IdCodec.MAX_ID + 1) + "}"));
		java.util.Random random = new java.util.Random(7);
		for (int i = 0; i < 500; i++) {
			bodies.add(randomJson(random, 0));
		}
		for (String body : bodies) {
			JsonNode tree = this.json.readTree(body);
			this.rewriter.encode(tree, this.fields);
			byte[] streamed = this.rewriter.encode(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), this.fields,
					this.json);
			assertThat(this.json.readTree(streamed)).as(body).isEqualTo(tree);
		}
		byte[] broken = "{\"id\": 1000001".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(this.rewriter.encode(broken, this.fields, this.json)).isSameAs(broken);
		byte[] twoValues = "{} {}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(this.rewriter.encode(twoValues, this.fields, this.json)).isSameAs(twoValues);
	}

	private static String randomJson(java.util.Random random, int depth) {
		int kind = (depth > 3) ? random.nextInt(3) : random.nextInt(5);
		return switch (kind) {
			case 0 -> Long.toString(random.nextBoolean() ? 1_000_000 + random.nextInt(1000) : random.nextInt(50) - 5);
			case 1 -> random.nextBoolean() ? "\"s" + random.nextInt(9) + "\"" : "2.5";
			case 2 -> random.nextBoolean() ? "null" : "false";
			case 3 -> {
				StringBuilder array = new StringBuilder("[");
				for (int i = random.nextInt(4); i > 0; i--) {
					array.append(randomJson(random, depth + 1)).append(i > 1 ? "," : "");
				}
				yield array.append(']').toString();
			}
			default -> {
				String[] names = { "id", "tenantId", "leadIds", "other", "name" };
				StringBuilder object = new StringBuilder("{");
				for (int i = random.nextInt(4); i > 0; i--) {
					object.append('"')
						.append(names[random.nextInt(names.length)])
						.append((random.nextInt(3) == 0) ? "x" : "")
						.append("\":")
						.append(randomJson(random, depth + 1))
						.append(i > 1 ? "," : "");
				}
				yield object.append('}').toString();
			}
		};
	}

}
