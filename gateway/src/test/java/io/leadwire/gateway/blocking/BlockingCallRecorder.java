package io.leadwire.gateway.blocking;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound before the first test of the gateway's test JVM, so it sees every
 * thread from its start (a thread already waiting when BlockHound arrives would be
 * reported wrongly), and records every blocking call on a non-blocking thread made by any
 * test's traffic. {@code NoBlockingTests} asserts that there are none.
 */
public class BlockingCallRecorder implements LauncherSessionListener {

	public static final List<String> CALLS = new CopyOnWriteArrayList<>();

	private static volatile boolean installed;

	@Override
	public void launcherSessionOpened(LauncherSession session) {
		install();
	}

	public static synchronized void install() {
		if (installed) {
			return;
		}
		installed = true;
		BlockHound.builder()
			.loadIntegrations()
			.blockingMethodCallback((method) -> CALLS
				.add(method + " on " + Thread.currentThread().getName() + "\n" + stackOf(new Throwable())))
			.install();
	}

	private static String stackOf(Throwable trace) {
		StringBuilder text = new StringBuilder();
		for (StackTraceElement frame : trace.getStackTrace()) {
			text.append("\tat ").append(frame).append('\n');
		}
		return text.toString();
	}

}
