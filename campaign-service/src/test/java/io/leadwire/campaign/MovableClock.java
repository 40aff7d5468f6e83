package io.leadwire.campaign;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The clock delivery rules are judged by in campaign-service's tests: the system's, moved
 * by an offset a test sets ({@link #moveTo}) and puts back ({@link #reset}), so a
 * campaign can cross a night's quiet hours or a day's cap in seconds. Registered before
 * the context starts (the service's own clock bean gives way to it); pacing keeps the
 * system's clock.
 */
public final class MovableClock extends Clock implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final AtomicReference<Duration> OFFSET = new AtomicReference<>(Duration.ZERO);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getBeanFactory().registerSingleton("clock", this);
	}

	/** From now on the clock reads {@code at}, and runs on from there. */
	public static void moveTo(Instant at) {
		OFFSET.set(Duration.between(Instant.now(), at));
	}

	public static void reset() {
		OFFSET.set(Duration.ZERO);
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(OFFSET.get());
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	/** The same moved time, told in {@code zone}. */
	@Override
	public Clock withZone(ZoneId zone) {
		MovableClock moved = this;
		return new Clock() {

			@Override
			public Instant instant() {
				return moved.instant();
			}

			@Override
			public ZoneId getZone() {
				return zone;
			}

			@Override
			public Clock withZone(ZoneId other) {
				return moved.withZone(other);
			}

		};
	}

}
