package io.leadwire.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import de.bwaldvogel.mongo.MongoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

import io.leadwire.common.apikey.ApiKeyFormat;

/**
 * The whole platform on one machine: a MongoDB wire server (H2-backed, in this JVM), a
 * real Redis server, a real Kafka broker, then every service and the gateway as JVMs of
 * their own, started together. {@link #close()} stops everything it started, services
 * first.
 */
public final class Platform implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Platform.class);

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

	/** The address services and the management port listen on (default loopback). */
	static final String BIND_ADDRESS = "LEADWIRE_BIND_ADDRESS";

	private final LauncherSettings settings;

	private final LocalSecrets secrets;

	private final List<ManagedProcess> processes = new java.util.concurrent.CopyOnWriteArrayList<>();

	private final Map<String, String> sharedEnvironment = new HashMap<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final int MONGO_EVENT_LOOPS = 32;

	private MongoServer mongo;

	private RedisServer redis;

	private Supervisor supervisor;

	private String bindAddress = "127.0.0.1";

	private Platform(LauncherSettings settings, LocalSecrets secrets) {
		this.settings = settings;
		this.secrets = secrets;
	}

	public static Platform start(LauncherSettings settings, LocalSecrets secrets) throws Exception {
		Platform platform = new Platform(settings, secrets);
		try {
			platform.startAll();
			return platform;
		}
		catch (Exception | Error ex) {
			platform.close();
			throw ex;
		}
	}

	public LauncherSettings settings() {
		return this.settings;
	}

	public LocalSecrets secrets() {
		return this.secrets;
	}

	private void startAll() throws Exception {
		checkJars();
		checkPortsFree();
		Path logs = this.settings.home().resolve("logs");
		String mongoUri = startMongo();
		String redisAddress = startRedis();
		String kafka = this.settings.externalKafka();
		if (kafka == null) {
			this.processes.add(KafkaBroker.start(this.settings.home().resolve("kafka"), logs,
					this.settings.port("kafka"), this.settings.port("kafka-controller")));
			kafka = "127.0.0.1:" + this.settings.port("kafka");
			log.info("  kafka      {}", kafka);
		}
		this.sharedEnvironment.putAll(this.settings.serviceEnvironment());
		this.sharedEnvironment.put("MONGODB_URI", mongoUri);
		this.sharedEnvironment.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
		this.sharedEnvironment.put("LEADWIRE_CONTEXT_SECRET", this.secrets.contextSecret());
		this.sharedEnvironment.put("LEADWIRE_ID_SALT", this.secrets.idSalt());
		this.sharedEnvironment.put("REDIS_ADDRESS", redisAddress);
		for (String service : LauncherSettings.SERVICES) {
			this.sharedEnvironment.put(serviceUrlVariable(service), "http://127.0.0.1:" + this.settings.port(service));
		}
		List<ManagedProcess> services = new ArrayList<>();
		this.bindAddress = this.settings.serviceEnvironment()
			.getOrDefault(BIND_ADDRESS, System.getenv().getOrDefault(BIND_ADDRESS, "127.0.0.1"));
		for (String service : LauncherSettings.SERVICES) {
			Map<String, String> env = serviceBindings(service);
			services.add(startService(service, service, env));
		}
		awaitReadiness(services);
		supervise(services);
	}

	/**
	 * From now on a process of the platform that dies is started again
	 * ({@link Supervisor}); extra replicas started by tests are not.
	 */
	private void supervise(List<ManagedProcess> services) {
		List<Supervisor.Status> inProcess = new ArrayList<>();
		long launcher = ProcessHandle.current().pid();
		java.time.Instant since = ProcessHandle.current().info().startInstant().orElse(java.time.Instant.now());
		if (this.mongo != null) {
			inProcess.add(new Supervisor.Status("mongodb (in the launcher)", launcher, this.settings.port("mongo"),
					since, 0, true));
		}
		if (this.redis != null) {
			long redisPid = ProcessHandle.current()
				.children()
				.filter((p) -> p.info().command().map((c) -> c.contains("redis")).orElse(false))
				.mapToLong(ProcessHandle::pid)
				.findFirst()
				.orElse(launcher);
			inProcess.add(new Supervisor.Status("redis (the launcher's)", redisPid, this.settings.port("redis"), since,
					0, true));
		}
		this.supervisor = new Supervisor(this.settings.home(), inProcess);
		this.processes.stream().filter((p) -> p.name().equals("kafka")).findFirst().ifPresent(this::superviseKafka);
		for (ManagedProcess service : services) {
			Map<String, String> env = serviceBindings(service.name());
			this.supervisor.watch(service.name(), this.settings.port(service.name()), service, () -> {
				this.processes.removeIf((p) -> p.name().equals(service.name()) && !p.isAlive());
				return startService(service.name(), service.name(), env);
			});
		}
	}

	/**
	 * A platform service's own environment: where it listens, and the admin key's hash.
	 */
	private Map<String, String> serviceBindings(String service) {
		Map<String, String> env = new HashMap<>(bindings(service, this.bindAddress));
		env.put("PORT", Integer.toString(this.settings.port(service)));
		if (service.equals("gateway")) {
			env.put("MANAGEMENT_PORT", Integer.toString(this.settings.port("gateway-management")));
		}
		if (service.equals("console")) {
			env.put("MANAGEMENT_PORT", Integer.toString(this.settings.port("console-management")));
			env.put("GATEWAY_SERVICE_URL", "http://127.0.0.1:" + this.settings.port("gateway"));
		}
		if (service.equals("apikey-service")) {
			env.put("LEADWIRE_ADMIN_KEY_SHA256", ApiKeyFormat.sha256Hex(this.secrets.platformAdminKey()));
		}
		return env;
	}

	private void superviseKafka(ManagedProcess broker) {
		this.supervisor.watch("kafka", this.settings.port("kafka"), broker, () -> {
			this.processes.removeIf((p) -> p.name().equals("kafka") && !p.isAlive());
			ManagedProcess restarted = KafkaBroker.start(this.settings.home().resolve("kafka"),
					this.settings.home().resolve("logs"), this.settings.port("kafka"),
					this.settings.port("kafka-controller"));
			this.processes.add(restarted);
			return restarted;
		});
	}

	/**
	 * Kills one of the platform's own processes at once, as {@code kill -9} does (drills:
	 * the supervisor starts it again).
	 */
	public void kill(String processName) throws InterruptedException {
		ManagedProcess process = this.processes.stream()
			.filter((p) -> p.name().equals(processName) && p.isAlive())
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no running process " + processName));
		process.kill();
	}

	/** Every process of the platform, its port, since when it runs and its restarts. */
	public List<Supervisor.Status> status() {
		return (this.supervisor != null) ? this.supervisor.status() : List.of();
	}

	/**
	 * Where a process listens: services and the gateway's management port (probes,
	 * unauthenticated metrics) on {@code address}, loopback unless {@value #BIND_ADDRESS}
	 * says otherwise; the gateway's public port on every interface.
	 */
	static Map<String, String> bindings(String service, String address) {
		return service.equals("gateway") ? Map.of("MANAGEMENT_SERVER_ADDRESS", address)
				: Map.of("SERVER_ADDRESS", address);
	}

	/**
	 * The options every service JVM starts with: the configured ones and, on Java 25 or
	 * later, compact object headers (JEP 519: 8-byte headers, so less memory and cache
	 * per object; the gateway spends about 7% less CPU per request) unless the configured
	 * options decide it.
	 */
	static List<String> serviceJvmOptions(List<String> configured, int javaFeature) {
		List<String> options = new ArrayList<>(configured);
		boolean decided = configured.stream().anyMatch((option) -> option.endsWith("UseCompactObjectHeaders"));
		if (javaFeature >= 25 && !decided) {
			options.add("-XX:+UseCompactObjectHeaders");
		}
		return options;
	}

	private ManagedProcess startService(String processName, String service, Map<String, String> own)
			throws IOException {
		Map<String, String> env = new HashMap<>(this.sharedEnvironment);
		env.putAll(own);
		List<String> arguments = serviceJvmOptions(this.settings.jvmOptions(), Runtime.version().feature());
		arguments.add("-jar");
		arguments.add(jar(service).toString());
		ManagedProcess process = ManagedProcess.startJava(processName, arguments, env,
				this.settings.home().resolve("logs"));
		this.processes.add(process);
		return process;
	}

	/**
	 * Another gateway replica beside the first, sharing everything else (tests of
	 * behaviour across replicas). Returns once it is ready; it stops with the platform.
	 */
	public void startExtraGateway(String name, int port, int managementPort) throws Exception {
		startExtraGateway(name, port, managementPort, Map.of());
	}

	/**
	 * Another gateway replica with environment variables of its own on top of the
	 * platform's (benchmarks comparing settings).
	 */
	public void startExtraGateway(String name, int port, int managementPort, Map<String, String> environment)
			throws Exception {
		Map<String, String> own = new HashMap<>(environment);
		own.put("PORT", Integer.toString(port));
		own.put("MANAGEMENT_PORT", Integer.toString(managementPort));
		ManagedProcess gateway = startService(name, "gateway", own);
		gateway.awaitReady(() -> isReady(managementPort), READY_TIMEOUT);
	}

	/**
	 * Another replica of a service beside the first, sharing everything else (tests of
	 * behaviour across replicas, such as a job taken over when its replica dies). Returns
	 * once it is ready; it stops with the platform unless killed first.
	 */
	public Replica startExtraService(String name, String service, int port, Map<String, String> environment)
			throws Exception {
		Map<String, String> own = new HashMap<>(environment);
		own.putAll(bindings(service, "127.0.0.1"));
		own.put("PORT", Integer.toString(port));
		ManagedProcess replica = startService(name, service, own);
		// A service whose probes are on a management port of its own (the console) is
		// given one in MANAGEMENT_PORT.
		int probe = own.containsKey("MANAGEMENT_PORT") ? Integer.parseInt(own.get("MANAGEMENT_PORT")) : port;
		replica.awaitReady(() -> isReady(probe), READY_TIMEOUT);
		return new Replica(replica);
	}

	/** The MongoDB every service of this platform uses (drills that look at a lease). */
	public String mongoUri() {
		return this.sharedEnvironment.get("MONGODB_URI");
	}

	/**
	 * Stops the local Kafka broker (outage drills); {@link #startKafka} brings it back
	 * with its data. Not for an external broker.
	 */
	public void stopKafka() throws InterruptedException {
		ManagedProcess broker = broker();
		if (this.supervisor != null) {
			this.supervisor.forget("kafka");
		}
		broker.requestStop();
		broker.awaitStopped(Duration.ofSeconds(30));
		this.processes.remove(broker);
		log.info("  kafka      stopped");
	}

	/**
	 * Starts the local broker again after {@link #stopKafka}, on the same port and data.
	 */
	public void startKafka() throws Exception {
		if (this.processes.stream().anyMatch((p) -> p.name().equals("kafka"))) {
			throw new IllegalStateException("the broker is running");
		}
		ManagedProcess broker = KafkaBroker.start(this.settings.home().resolve("kafka"),
				this.settings.home().resolve("logs"), this.settings.port("kafka"),
				this.settings.port("kafka-controller"));
		this.processes.add(broker);
		if (this.supervisor != null) {
			superviseKafka(broker);
		}
		log.info("  kafka      started again");
	}

	private ManagedProcess broker() {
		if (this.settings.externalKafka() != null) {
			throw new IllegalStateException("the broker is external: " + this.settings.externalKafka());
		}
		return this.processes.stream()
			.filter((p) -> p.name().equals("kafka"))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("the broker is not running"));
	}

	/** A replica started by {@link #startExtraService}. */
	public static final class Replica {

		private final ManagedProcess process;

		Replica(ManagedProcess process) {
			this.process = process;
		}

		/**
		 * Kills it at once, as {@code kill -9} does: no shutdown hook, no graceful stop.
		 */
		public void kill() throws InterruptedException {
			this.process.kill();
		}

		public boolean isAlive() {
			return this.process.isAlive();
		}

		/** Its process id (a job lease's owner starts with {@code <pid>@}). */
		public long pid() {
			return this.process.pid();
		}

	}

	private String startMongo() throws IOException {
		if (this.settings.externalMongoUri() != null) {
			return this.settings.externalMongoUri();
		}
		de.bwaldvogel.mongo.backend.AbstractMongoBackend backend;
		if (this.settings.persistent()) {
			Files.createDirectories(this.settings.home().resolve("mongo"));
			backend = PlannedH2Backend.file(this.settings.home().resolve("mongo").resolve("leadwire.mv").toString());
		}
		else {
			backend = new PlannedMemoryBackend();
		}
		this.mongo = new MongoServer(backend);
		// The wire server runs each command on its connection's Netty event loop: with
		// the
		// default (two per core) one long query (an export's first find sorts the whole
		// result in memory) stalls every connection sharing its loop, whichever service
		// or tenant it serves. Real MongoDB serves each connection on its own thread;
		// many
		// loops come closer to that (docs/performance.md, "Fair turns").
		this.mongo.bind(new java.net.InetSocketAddress("127.0.0.1", this.settings.port("mongo")), 1, MONGO_EVENT_LOOPS);
		String uri = "mongodb://127.0.0.1:" + this.settings.port("mongo");
		log.info("  mongodb    {} ({})", uri, this.settings.persistent() ? "H2 file store" : "in memory");
		return uri;
	}

	private String startRedis() throws IOException {
		if (this.settings.externalRedis() != null) {
			return this.settings.externalRedis();
		}
		int port = this.settings.port("redis");
		this.redis = RedisServer.newRedisServer()
			.port(port)
			.bind("127.0.0.1")
			.setting("save \"\"")
			.setting("appendonly no")
			.onShutdownForceStop(true)
			.build();
		this.redis.start();
		log.info("  redis      127.0.0.1:{}", port);
		return "127.0.0.1:" + port;
	}

	private void awaitReadiness(List<ManagedProcess> services) throws Exception {
		ExecutorService waiters = Executors.newVirtualThreadPerTaskExecutor();
		try {
			Map<ManagedProcess, Future<?>> waits = new LinkedHashMap<>();
			for (ManagedProcess service : services) {
				int port = probePort(service.name());
				waits.put(service, waiters.submit(() -> {
					service.awaitReady(() -> isReady(port), READY_TIMEOUT);
					log.info("  {} ready on :{}", String.format("%-18s", service.name()), port);
					return null;
				}));
			}
			for (Future<?> wait : waits.values()) {
				try {
					wait.get();
				}
				catch (java.util.concurrent.ExecutionException ex) {
					throw (ex.getCause() instanceof Exception cause) ? cause : ex;
				}
			}
		}
		finally {
			waiters.shutdownNow();
		}
	}

	/**
	 * Where a service answers its readiness probe: its own port, or its management port.
	 */
	private int probePort(String service) {
		return switch (service) {
			case "gateway" -> this.settings.port("gateway-management");
			case "console" -> this.settings.port("console-management");
			default -> this.settings.port(service);
		};
	}

	private boolean isReady(int port) {
		String path = "/actuator/health/readiness";
		try {
			HttpResponse<Void> response = this.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void checkJars() {
		List<String> missing = LauncherSettings.SERVICES.stream()
			.filter((service) -> !Files.isRegularFile(jar(service)))
			.toList();
		if (!missing.isEmpty()) {
			throw new IllegalStateException("Service jars not built: " + missing
					+ ". Build first (./leadwire does), or set LEADWIRE_PROJECT_DIR to the checkout.");
		}
	}

	private void checkPortsFree() {
		List<String> names = new ArrayList<>(LauncherSettings.SERVICES);
		names.add("gateway-management");
		if (this.settings.externalKafka() == null) {
			names.addAll(List.of("kafka", "kafka-controller"));
		}
		if (this.settings.externalMongoUri() == null) {
			names.add("mongo");
		}
		if (this.settings.externalRedis() == null) {
			names.add("redis");
		}
		for (String name : names) {
			int port = this.settings.port(name);
			try (ServerSocket socket = new ServerSocket(port)) {
				socket.setReuseAddress(true);
			}
			catch (IOException ex) {
				throw new IllegalStateException("Port " + port + " (" + name
						+ ") is already in use. Stop what uses it or choose another port (see README, Configuration).");
			}
		}
	}

	private Path jar(String service) {
		return this.settings.projectDir().resolve(service).resolve("target").resolve(service + "-exec.jar");
	}

	static String serviceUrlVariable(String service) {
		String base = service.replace("-service", "").toUpperCase(java.util.Locale.ROOT);
		return base + "_SERVICE_URL";
	}

	@Override
	public void close() {
		if (this.supervisor != null) {
			this.supervisor.close();
		}
		List<ManagedProcess> running = new ArrayList<>(this.processes);
		java.util.Collections.reverse(running);
		List<ManagedProcess> services = running.stream().filter((p) -> !p.name().startsWith("kafka")).toList();
		services.forEach(ManagedProcess::requestStop);
		for (ManagedProcess process : services) {
			awaitStopped(process);
		}
		running.stream().filter((p) -> p.name().startsWith("kafka")).forEach((kafka) -> {
			kafka.requestStop();
			awaitStopped(kafka);
		});
		if (this.redis != null) {
			try {
				this.redis.stop();
			}
			catch (IOException ex) {
				log.warn("Stopping Redis failed: {}", ex.getMessage());
			}
		}
		if (this.mongo != null) {
			this.mongo.shutdown();
		}
	}

	private static void awaitStopped(ManagedProcess process) {
		try {
			process.awaitStopped(Duration.ofSeconds(20));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Ports this JVM has handed out, so two servers of one run never get the same. */
	private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/**
	 * A free port for a server of a platform beside others (tests, benchmarks), below the
	 * kernel's ephemeral range (Linux: 32768 and up). A service binds its port seconds
	 * after it is chosen; a port from the ephemeral range can meanwhile be taken as the
	 * local end of any outgoing connection (a CI run failed on exactly that), one below
	 * it cannot. Never the same port twice in one JVM.
	 */
	public static int freePort() throws IOException {
		java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
		for (int attempt = 0; attempt < 1_000; attempt++) {
			int port = 20_000 + random.nextInt(12_000);
			if (!HANDED_OUT.add(port)) {
				continue;
			}
			try (ServerSocket socket = new ServerSocket(port)) {
				return port;
			}
			catch (IOException ex) {
				// Taken by another process: try another.
			}
		}
		throw new IOException("No free port found between 20000 and 32000");
	}

}
