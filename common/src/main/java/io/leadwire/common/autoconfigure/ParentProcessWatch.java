package io.leadwire.common.autoconfigure;

import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;

/**
 * When a process is started by the local launcher ({@code LEADWIRE_PARENT_PID} set), it
 * stops itself if the launcher disappears, even if the launcher was killed without a
 * chance to clean up. Does nothing in any other deployment.
 */
public class ParentProcessWatch implements ApplicationListener<ApplicationStartedEvent> {

	private static final Logger log = LoggerFactory.getLogger(ParentProcessWatch.class);

	@Override
	public void onApplicationEvent(ApplicationStartedEvent event) {
		String pid = System.getenv("LEADWIRE_PARENT_PID");
		if (pid == null || !pid.matches("\\d{1,10}")) {
			return;
		}
		ProcessHandle.of(Long.parseLong(pid))
			.map(ProcessHandle::onExit)
			.orElse(CompletableFuture.completedFuture(null))
			.thenRun(() -> {
				log.warn("Launcher process {} is gone; stopping", pid);
				System.exit(SpringApplication.exit(event.getApplicationContext()));
			});
	}

}
