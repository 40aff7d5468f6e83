package io.leadwire.bench;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.leadwire.common.id.IdCodec;
import io.leadwire.gateway.ids.JsonIdRewriter;
import io.leadwire.testing.TestSecrets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cost of encoding ids in a JSON response, as the gateway's id rewrite does it
 * (streaming: tokens copied, declared fields encoded on the way), at about 1 KB and 100
 * KB: lead list envelopes with internal ids, the leads route's declared id fields. Single
 * thread, after a JIT warm-up. For comparison: the same through a tree (parse, encode,
 * write back), and the tree round trip alone.
 */
public final class IdRewriteBenchmark {

	private static final Logger log = LoggerFactory.getLogger(IdRewriteBenchmark.class);

	private static final Set<String> LEAD_ID_FIELDS = Set.of("id", "tenantId", "assignedTo", "duplicateOf", "leadIds",
			"batchId", "jobId");

	private IdRewriteBenchmark() {
	}

	public static void main(String[] args) {
		JsonMapper json = JsonMapper.builder().build();
		JsonIdRewriter rewriter = new JsonIdRewriter(new IdCodec(TestSecrets.ID_SALT));
		for (int leads : new int[] { 2, 210 }) {
			byte[] body = leadList(leads).getBytes(java.nio.charset.StandardCharsets.UTF_8);
			int iterations = Math.max(2_000, 20_000_000 / body.length);
			measure(iterations, () -> json.writeValueAsBytes(json.readTree(body)));
			Percentiles roundTrip = measure(iterations, () -> json.writeValueAsBytes(json.readTree(body)));
			measure(iterations, () -> rewriter.encode(body, LEAD_ID_FIELDS, json));
			Percentiles rewrite = measure(iterations, () -> rewriter.encode(body, LEAD_ID_FIELDS, json));
			measure(iterations, () -> encode(json, rewriter, body));
			Percentiles treeRewrite = measure(iterations, () -> encode(json, rewriter, body));
			double p50 = rewrite.at(0.5) / 1e3;
			log.info(
					"{} bytes ({} leads, {} ids): streaming id rewrite (the gateway's) {} | {} MB/s at p50 | "
							+ "through a tree {} | tree round trip alone p50 {} µs",
					body.length, leads, leads * 3, rewrite.micros(), String.format("%.0f", body.length / p50),
					treeRewrite.micros(), String.format("%.1f", roundTrip.at(0.5) / 1e3));
		}
	}

	private static byte[] encode(JsonMapper json, JsonIdRewriter rewriter, byte[] body) {
		JsonNode tree = json.readTree(body);
		rewriter.encode(tree, LEAD_ID_FIELDS);
		return json.writeValueAsBytes(tree);
	}

	private static Percentiles measure(int iterations, Runnable work) {
		Percentiles samples = new Percentiles(iterations);
		for (int i = 0; i < iterations; i++) {
			long start = System.nanoTime();
			work.run();
			samples.add(System.nanoTime() - start);
		}
		return samples;
	}

	private static String leadList(int count) {
		StringBuilder body = new StringBuilder("{\"success\":true,\"status\":200,\"message\":\"Success\",\"data\":[");
		for (int i = 0; i < count; i++) {
			if (i > 0) {
				body.append(',');
			}
			long id = 1_000_000L + i * 7919L;
			body.append("{\"id\":")
				.append(id)
				.append(",\"tenantId\":1000020,\"firstName\":\"Grace\",\"lastName\":\"Hopper\",\"name\":\"Grace Hopper\"")
				.append(",\"email\":\"grace")
				.append(i)
				.append("@globex.example\",\"phone\":\"+1650253")
				.append(String.format("%04d", i))
				.append("\",\"website\":\"https://globex.example\",\"websiteStatus\":\"WORKING\",\"qualifier\":null")
				.append(",\"source\":\"api\",\"status\":\"new\",\"score\":40,\"assignedTo\":1000030")
				.append(",\"customFields\":{\"plan\":\"gold\",\"seats\":12},\"duplicateOf\":null")
				.append(",\"createdAt\":\"2026-11-23T12:00:00Z\",\"updatedAt\":\"2026-11-23T12:00:00Z\"}");
		}
		return body.append("],\"meta\":{\"timestamp\":\"2026-11-23T12:00:00Z\",\"version\":\"v1\",\"requestId\":\"r\",")
			.append("\"pagination\":{\"page\":1,\"limit\":100,\"total\":")
			.append(count)
			.append(",\"totalPages\":1}}}")
			.toString();
	}

}
