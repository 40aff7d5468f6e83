package io.leadwire.messaging.provider.sandbox;

import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class SandboxLatencyTests {

	@Test
	void samplesHaveTheMedianAndNinetyNinthPercentileTheyWereGiven() {
		SandboxLatency latency = SandboxLatency.parse("300ms/900ms");
		long[] samples = new long[100_000];
		for (int i = 0; i < samples.length; i++) {
			samples[i] = latency.sample().toNanos();
		}
		Arrays.sort(samples);
		double p50 = samples[samples.length / 2] / 1e6;
		double p99 = samples[(int) (samples.length * 0.99)] / 1e6;
		assertThat(p50).as("p50 in ms").isCloseTo(300, within(12.0));
		assertThat(p99).as("p99 in ms").isCloseTo(900, within(60.0));
	}

	@Test
	void oneValueIsAFixedLatencyAndZeroIsNone() {
		assertThat(SandboxLatency.parse("250ms").sample()).isEqualTo(Duration.ofMillis(250));
		assertThat(SandboxLatency.parse("1.5s"))
			.isEqualTo(new SandboxLatency(Duration.ofMillis(1500), Duration.ofMillis(1500)));
		assertThat(SandboxLatency.parse("0").sample()).isZero();
		assertThat(SandboxLatency.parse("")).isEqualTo(SandboxLatency.NONE);
	}

	@Test
	void aNinetyNinthPercentileBelowTheMedianOrAnUnknownUnitIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SandboxLatency.parse("300ms/100ms"));
		assertThatIllegalArgumentException().isThrownBy(() -> SandboxLatency.parse("300 parsecs"));
		assertThatIllegalArgumentException().isThrownBy(() -> SandboxLatency.parse("1ms/2ms/3ms"));
	}

}
