package io.leadwire.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.common.context.RequestContext;
import io.leadwire.common.id.IdCodec;
import io.leadwire.launcher.DemoSeeder;
import io.leadwire.launcher.LauncherSettings;
import io.leadwire.launcher.LocalSecrets;
import io.leadwire.launcher.Platform;
import io.leadwire.testing.HttpJson;
import tools.jackson.databind.JsonNode;

/**
 * What the gateway costs: the same authenticated lead GET sent directly to leads-service
 * (with a freshly signed context, as the gateway would send it) and through the gateway
 * (key check, rate limits in Redis, id rewrite; limits set high so nothing is refused),
 * by the same closed-loop Java load generator, in one run against the real platform
 * started as the launcher starts it.
 */
public final class GatewayOverheadBenchmark {

	private static final Logger log = LoggerFactory.getLogger(GatewayOverheadBenchmark.class);

	private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 16);

	private static final Duration WARMUP = Duration.ofSeconds(Integer.getInteger("bench.warmup", 30));

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

	private static final Duration SLICE = Duration.ofSeconds(Integer.getInteger("bench.slice", 5));

	private static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 20));

	/** Prefix of the context-switch counts kept beside the CPU times. */
	static final String SWITCHES = "switches:";

	private GatewayOverheadBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path home = Files.createTempDirectory("leadwire-bench");
		Path project = Path.of(System.getProperty("leadwire.project", "..")).toAbsolutePath().normalize();
		String unlimited = "1000000000";
		Map<String, String> environment = new java.util.HashMap<>(Map.of("LEADWIRE_GATEWAY_RATELIMITS_IP_PERMINUTE",
				unlimited, "LEADWIRE_GATEWAY_RATELIMITS_IP_BURST", unlimited, "LEADWIRE_GATEWAY_RATELIMITS_IP_PERDAY",
				unlimited, "LEADWIRE_PLANS_INITIAL_PROFESSIONAL_PERMINUTE", unlimited,
				"LEADWIRE_PLANS_INITIAL_PROFESSIONAL_BURST", unlimited, "LEADWIRE_PLANS_INITIAL_PROFESSIONAL_PERDAY",
				unlimited));
		// Experiments: -Dbench.env=NAME=value,NAME=value reaches every service.
		environment.putAll(pairs(System.getProperty("bench.env", "")));
		LauncherSettings local = LauncherSettings.ephemeral(project, home, environment);
		// Full JIT as in production (the launcher's default stops at C1 for a fast
		// start).
		List<String> jvm = List.of(System.getProperty("bench.jvm", "-XX:+UseSerialGC -Xmx384m").split("\\s+"));
		LauncherSettings settings = new LauncherSettings(local.projectDir(), home, false, local.ports(), null, null,
				null, jvm, environment);
		LocalSecrets secrets = LocalSecrets.ephemeral();
		try (Platform platform = Platform.start(settings, secrets)) {
			String gateway = settings.gatewayUrl();
			JsonNode credentials = new DemoSeeder(gateway, secrets.platformAdminKey())
				.seedOrReuse(home.resolve("credentials.json"));
			JsonNode globex = credentials.get("tenants").get(1);
			String key = globex.get("liveKey").asString();
			JsonNode lead = new HttpJson(gateway).header("X-API-Key", key)
				.post("/v1/leads",
						Map.of("firstName", "Grace", "lastName", "Hopper", "email", "grace@globex.example", "phone",
								"+16502530001", "assignedTo", globex.get("ownerUserId").asString(), "customFields",
								Map.of("plan", "gold", "seats", 12)))
				.data();
			IdCodec ids = new IdCodec(secrets.idSalt());
			long leadId = ids.decode(lead.get("id").asString()).getAsLong();
			long tenantId = ids.decode(globex.get("id").asString()).getAsLong();
			long userId = ids.decode(globex.get("ownerUserId").asString()).getAsLong();

			ContextSigner signer = new ContextSigner(secrets.contextSecret(), Duration.ofSeconds(30),
					java.time.Clock.systemUTC());
			URI direct = URI.create("http://127.0.0.1:" + settings.port("leads-service") + "/v1/leads/" + leadId);
			URI proxied = URI.create(gateway + "/v1/leads/" + lead.get("id").asString());
			Supplier<HttpRequest> directRequest = () -> HttpRequest.newBuilder(direct)
				.timeout(Duration.ofSeconds(10))
				.header(ContextSigner.HEADER,
						signer.sign(RequestContext.tenant(tenantId, Environment.LIVE, userId, null, "professional",
								"bench")))
				.build();
			Supplier<HttpRequest> gatewayRequest = () -> HttpRequest.newBuilder(proxied)
				.header("X-API-Key", key)
				.build();

			// Experiments: -Dbench.compare=NAME=value,... starts a second gateway with
			// these
			// environment variables (JAVA_TOOL_OPTIONS for JVM flags), measured in the
			// same
			// rounds.
			Map<String, String> variant = pairs(System.getProperty("bench.compare", ""));
			Supplier<HttpRequest> variantRequest = null;
			if (!variant.isEmpty()) {
				int port = Platform.freePort();
				platform.startExtraGateway("gateway-b", port, Platform.freePort(), variant);
				URI other = URI.create("http://127.0.0.1:" + port + "/v1/leads/" + lead.get("id").asString());
				variantRequest = () -> HttpRequest.newBuilder(other).header("X-API-Key", key).build();
				log.info("gateway-b runs with {}", variant);
			}

			log.info("service JVM options {}, {} virtual users, {} round(s)", jvm, CONCURRENCY, ROUNDS);
			log.info("warming up every path for {} s each (JIT)", WARMUP.toSeconds());
			Runnable ignore = () -> {
			};
			run(directRequest, WARMUP, ignore);
			run(gatewayRequest, WARMUP, ignore);
			if (variantRequest != null) {
				run(variantRequest, WARMUP, ignore);
			}
			List<Double> ratios = new ArrayList<>();
			List<Double> variantRatios = new ArrayList<>();
			for (int round = 1; round <= ROUNDS; round++) {
				// The paths take turns in short slices, so that the machine's drift in
				// speed
				// (seen here: ±25% within a minute) falls on every path alike.
				PathStats straight = new PathStats(directRequest);
				PathStats through = new PathStats(gatewayRequest);
				PathStats other = (variantRequest != null) ? new PathStats(variantRequest) : null;
				for (long measured = 0; measured < MEASURE.toNanos(); measured += SLICE.toNanos()) {
					straight.slice(SLICE);
					through.slice(SLICE);
					if (other != null) {
						other.slice(SLICE);
					}
				}
				log.info("round {}: direct to leads-service: {}", round, straight);
				log.info("  CPU per request: {}", straight.cpu());
				log.info("round {}: through the gateway:     {}", round, through);
				log.info("  CPU per request: {}", through.cpu());
				double ratio = through.perSecond() / straight.perSecond();
				ratios.add(ratio);
				log.info("round {}: throughput ratio through/direct = {}; added latency p50 = {} ms, p99 = {} ms",
						round, String.format("%.2f", ratio),
						String.format("%.2f", (through.p(0.50) - straight.p(0.50)) / 1e6),
						String.format("%.2f", (through.p(0.99) - straight.p(0.99)) / 1e6));
				if (other != null) {
					double variantRatio = other.perSecond() / straight.perSecond();
					variantRatios.add(variantRatio);
					log.info("round {}: through gateway-b:       {}", round, other);
					log.info("  CPU per request: {}", other.cpu());
					log.info("round {}: gateway-b ratio = {}", round, String.format("%.2f", variantRatio));
				}
			}
			log.info("throughput ratio through/direct by round: {}, median {}", format(ratios),
					String.format("%.2f", median(ratios)));
			if (!variantRatios.isEmpty()) {
				log.info("gateway-b ratio by round: {}, median {}", format(variantRatios),
						String.format("%.2f", median(variantRatios)));
			}
		}
	}

	private static Map<String, String> pairs(String text) {
		Map<String, String> pairs = new java.util.LinkedHashMap<>();
		for (String pair : text.split(",")) {
			if (pair.contains("=")) {
				pairs.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
			}
		}
		return pairs;
	}

	private static String format(List<Double> values) {
		return values.stream().map((value) -> String.format("%.2f", value)).toList().toString();
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	/**
	 * CPU time used so far by each process of the platform (children of this JVM, named
	 * by their jar) and by this JVM (the load generator), in nanoseconds.
	 */
	static Map<String, Long> cpuByProcess() {
		Map<String, Long> cpu = new java.util.TreeMap<>();
		ProcessHandle.current()
			.info()
			.totalCpuDuration()
			.ifPresent((used) -> cpu.put("load generator (+ in-process MongoDB)", used.toNanos()));
		cpu.put(SWITCHES + "load generator (+ in-process MongoDB)", contextSwitches(ProcessHandle.current().pid()));
		java.util.Optional<java.time.Instant> firstGateway = ProcessHandle.current()
			.descendants()
			.filter((process) -> process.info()
				.arguments()
				.map((a) -> String.join(" ", a))
				.orElse("")
				.contains("gateway-exec.jar"))
			.map((process) -> process.info().startInstant().orElse(java.time.Instant.MAX))
			.min(java.util.Comparator.naturalOrder());
		ProcessHandle.current().descendants().forEach((process) -> {
			String command = process.info().command().orElse("") + " "
					+ String.join(" ", process.info().arguments().orElse(new String[0]));
			java.util.regex.Matcher jar = java.util.regex.Pattern.compile("([a-z-]+)-exec\\.jar").matcher(command);
			String kind = jar.find() ? jar.group(1)
					: command.contains("redis") ? "redis" : (command.contains("kafka") ? "kafka" : "other");
			boolean later = process.info().startInstant().isPresent()
					&& process.info().startInstant().get().isAfter(firstGateway.orElse(java.time.Instant.MAX));
			String name = (kind.equals("gateway") && later) ? "gateway-b" : kind;
			process.info().totalCpuDuration().ifPresent((used) -> cpu.merge(name, used.toNanos(), Long::sum));
			cpu.merge(SWITCHES + name, contextSwitches(process.pid()), Long::sum);
		});
		return cpu;
	}

	/**
	 * Context switches so far of the live threads of process {@code pid} (voluntary and
	 * not), from {@code /proc}; 0 where that is not readable.
	 */
	private static long contextSwitches(long pid) {
		long switches = 0;
		try (var tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
			for (Path task : tasks) {
				try {
					for (String line : Files.readAllLines(task.resolve("status"))) {
						if (line.contains("ctxt_switches:")) {
							switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
						}
					}
				}
				catch (java.io.IOException | NumberFormatException ex) {
					// The thread ended meanwhile.
				}
			}
		}
		catch (java.io.IOException ex) {
			return 0;
		}
		return switches;
	}

	private static String perRequest(Map<String, Long> before, Map<String, Long> after, int requests) {
		StringBuilder text = new StringBuilder();
		StringBuilder switches = new StringBuilder("; context switches per request: ");
		after.forEach((name, used) -> {
			if (name.startsWith(SWITCHES)) {
				double each = (used - before.getOrDefault(name, 0L)) / (double) requests;
				if (each >= 0.05) {
					switches.append(String.format("%s %.1f, ", name.substring(SWITCHES.length()), each));
				}
				return;
			}
			double micros = (used - before.getOrDefault(name, 0L)) / 1e3 / requests;
			if (micros >= 1) {
				text.append(String.format("%s %.0f µs, ", name, micros));
			}
		});
		return text.append(switches).toString();
	}

	/**
	 * One path's requests, latencies and CPU per process, summed over its slices.
	 */
	static final class PathStats {

		private final Supplier<HttpRequest> requests;

		private final Map<String, Long> cpu = new java.util.TreeMap<>();

		private long[] latencies = new long[1 << 16];

		private int count;

		private long failures;

		private long nanos;

		PathStats(Supplier<HttpRequest> requests) {
			this.requests = requests;
		}

		void slice(Duration duration) throws Exception {
			Map<String, Long> before = cpuByProcess();
			long start = System.nanoTime();
			for (long[] user : run(this.requests, duration, this::failed)) {
				for (int i = 1; i <= user[0]; i++) {
					if (this.count == this.latencies.length) {
						this.latencies = java.util.Arrays.copyOf(this.latencies, this.count * 2);
					}
					this.latencies[this.count++] = user[i];
				}
			}
			this.nanos += System.nanoTime() - start;
			cpuByProcess()
				.forEach((name, used) -> this.cpu.merge(name, used - before.getOrDefault(name, 0L), Long::sum));
		}

		private synchronized void failed() {
			this.failures++;
		}

		double perSecond() {
			return this.count / (this.nanos / 1e9);
		}

		/** The latency at {@code quantile}, in nanoseconds. */
		double p(double quantile) {
			long[] sorted = java.util.Arrays.copyOf(this.latencies, this.count);
			java.util.Arrays.sort(sorted);
			return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
		}

		String cpu() {
			return perRequest(Map.of(), this.cpu, this.count);
		}

		@Override
		public String toString() {
			return String.format("%d requests in %.0f s = %.0f req/s, p50 %.2f ms, p99 %.2f ms, failed or non-200: %d",
					this.count, this.nanos / 1e9, perSecond(), p(0.50) / 1e6, p(0.99) / 1e6, this.failures);
		}

	}

	/**
	 * {@link #CONCURRENCY} virtual users, each sending its next request as soon as the
	 * last one is answered. Returns each user's latencies, the count first.
	 */
	private static List<long[]> run(Supplier<HttpRequest> requests, Duration duration, Runnable onFailure)
			throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		long end = System.nanoTime() + duration.toNanos();
		List<long[]> latencies = new ArrayList<>();
		try (var users = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int u = 0; u < CONCURRENCY; u++) {
				long[] samples = new long[1 + 200_000];
				latencies.add(samples);
				users.submit(() -> {
					while (System.nanoTime() < end) {
						long start = System.nanoTime();
						HttpResponse<byte[]> response = http.send(requests.get(),
								HttpResponse.BodyHandlers.ofByteArray());
						if (response.statusCode() != 200) {
							onFailure.run();
						}
						if (samples[0] < samples.length - 1) {
							samples[(int) ++samples[0]] = System.nanoTime() - start;
						}
					}
					return null;
				});
			}
		}
		http.close();
		return latencies;
	}

}
