package io.leadwire.launcher;

import java.io.IOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) in a JVM of its
 * own, started from the launcher's class path. Its log directory is formatted once and
 * then kept.
 */
final class KafkaBroker {

	private KafkaBroker() {
	}

	static ManagedProcess start(Path dataDir, Path logDir, int port, int controllerPort)
			throws IOException, InterruptedException {
		Files.createDirectories(dataDir);
		Path config = dataDir.resolve("server.properties");
		writeConfig(config, dataDir.resolve("log"), port, controllerPort);
		String classPath = classPath();
		List<String> heap = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
				"-Dlogback.configurationFile=kafka-logback.xml");
		if (!Files.exists(dataDir.resolve("log").resolve("meta.properties"))) {
			ManagedProcess format = ManagedProcess.startJava("kafka-format",
					concat(heap,
							List.of("-cp", classPath, "kafka.tools.StorageTool", "format", "-t",
									Uuid.randomUuid().toString(), "-c", config.toString(), "--ignore-formatted")),
					Map.of(), logDir);
			int exit = format.waitForExit(Duration.ofSeconds(60));
			if (exit != 0) {
				throw new IllegalStateException("Formatting Kafka storage failed; see " + format.log());
			}
		}
		ManagedProcess broker = ManagedProcess.startJava("kafka",
				concat(heap, List.of("-cp", classPath, KafkaMain.class.getName(), config.toString())), Map.of(),
				logDir);
		broker.awaitReady(() -> isListening(port), Duration.ofSeconds(60));
		return broker;
	}

	/**
	 * The class path the launcher itself was loaded from: the JVM's own, or, when run
	 * inside another tool (Maven's exec:java), the URLs of the loader that holds the
	 * launcher and Kafka.
	 */
	static String classPath() {
		if (KafkaMain.class.getClassLoader() instanceof java.net.URLClassLoader loader && loader.getURLs().length > 0
				&& loader != ClassLoader.getSystemClassLoader()) {
			return java.util.Arrays.stream(loader.getURLs()).map((url) -> {
				try {
					return Path.of(url.toURI()).toString();
				}
				catch (java.net.URISyntaxException ex) {
					throw new IllegalStateException(ex);
				}
			}).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
		}
		return System.getProperty("java.class.path");
	}

	static boolean isListening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void writeConfig(Path config, Path logDirs, int port, int controllerPort) throws IOException {
		Properties properties = new Properties();
		properties.setProperty("process.roles", "broker,controller");
		properties.setProperty("node.id", "1");
		properties.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
		properties.setProperty("listeners",
				"PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
		properties.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
		properties.setProperty("controller.listener.names", "CONTROLLER");
		properties.setProperty("inter.broker.listener.name", "PLAINTEXT");
		properties.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		properties.setProperty("log.dirs", logDirs.toString());
		properties.setProperty("num.partitions", "3");
		properties.setProperty("auto.create.topics.enable", "false");
		properties.setProperty("offsets.topic.replication.factor", "1");
		properties.setProperty("transaction.state.log.replication.factor", "1");
		properties.setProperty("transaction.state.log.min.isr", "1");
		properties.setProperty("share.coordinator.state.topic.replication.factor", "1");
		properties.setProperty("share.coordinator.state.topic.min.isr", "1");
		properties.setProperty("group.initial.rebalance.delay.ms", "0");
		try (Writer writer = Files.newBufferedWriter(config)) {
			properties.store(writer, "Written by the Leadwire launcher on every start");
		}
	}

	private static List<String> concat(List<String> first, List<String> second) {
		return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
	}

}
