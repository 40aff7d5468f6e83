package io.leadwire.common.context;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ContextSignerTests {

	private static final String SECRET = "0123456789abcdef0123456789abcdef";

	private final MutableClock clock = new MutableClock();

	private final ContextSigner signer = new ContextSigner(SECRET, Duration.ofSeconds(30), this.clock);

	private final RequestContext context = RequestContext.tenant(42L, Environment.TEST, 7L, 9L, "free", "req-1");

	@Test
	void aSignedContextVerifiesWithEveryField() {
		RequestContext verified = this.signer.verify(this.signer.sign(this.context));
		assertThat(verified.scope()).isEqualTo(RequestContext.Scope.TENANT);
		assertThat(verified.tenantScope()).isEqualTo(new TenantScope(42L, Environment.TEST));
		assertThat(verified.userId()).isEqualTo(7L);
		assertThat(verified.actingUserId()).isEqualTo(7L);
		assertThat(verified.keyId()).isEqualTo(9L);
		assertThat(verified.plan()).isEqualTo("free");
		assertThat(verified.requestId()).isEqualTo("req-1");
	}

	@Test
	void anExpiredContextIsRefused() {
		String header = this.signer.sign(this.context);
		this.clock.advance(Duration.ofSeconds(31));
		assertThatExceptionOfType(ContextSigner.InvalidContextException.class)
			.isThrownBy(() -> this.signer.verify(header));
	}

	@Test
	void aContextWithAChangedPayloadIsRefused() {
		String header = this.signer.sign(this.context);
		String[] parts = header.split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		String forged = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(payload.replace("\"t\":42", "\"t\":43").getBytes(StandardCharsets.UTF_8));
		assertThat(forged).isNotEqualTo(parts[1]);
		assertThatExceptionOfType(ContextSigner.InvalidContextException.class)
			.isThrownBy(() -> this.signer.verify(parts[0] + "." + forged + "." + parts[2]));
	}

	@Test
	void aContextSignedWithAnotherSecretIsRefused() {
		ContextSigner other = new ContextSigner("another-secret-another-secret-xx", Duration.ofSeconds(30), this.clock);
		assertThatExceptionOfType(ContextSigner.InvalidContextException.class)
			.isThrownBy(() -> this.signer.verify(other.sign(this.context)));
	}

	@Test
	void malformedHeadersAreRefused() {
		for (String header : new String[] { "", "v1.", "v1.abc", "v1.abc.%%%", "v2.abc.def", "x".repeat(5000) }) {
			assertThatExceptionOfType(ContextSigner.InvalidContextException.class)
				.isThrownBy(() -> this.signer.verify(header));
		}
	}

	@Test
	void aShortSecretIsRefusedAtConstruction() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new ContextSigner("short", Duration.ofSeconds(30), this.clock));
	}

	static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

	@Test
	void handWrittenJsonIsExactlyWhatJacksonWrites() {
		tools.jackson.databind.ObjectMapper jackson = tools.jackson.databind.json.JsonMapper.builder().build();
		java.util.List<RequestContext> contexts = java.util.List.of(
				RequestContext.tenant(1_000_123, Environment.LIVE, 1_000_456L, 1_000_789L, "professional", "req-1"),
				RequestContext.tenant(7, Environment.TEST, null, null, null, null), RequestContext.system("a.b:c-d_e"),
				new RequestContext(RequestContext.Scope.PLATFORM_ADMIN, null, null, 5L, 6L, null, 9L, "pl\"an\\ é ✓",
						"r", 0),
				new RequestContext(null, null, null, null, null, null, null, null, null, Long.MAX_VALUE));
		for (RequestContext context : contexts) {
			RequestContext expiring = context.withExpiry(1_700_000_000_123L);
			assertThat(ContextSigner.json(expiring)).isEqualTo(jackson.writeValueAsString(expiring));
		}
		RequestContext control = RequestContext.tenant(3, Environment.LIVE, 4L, null, "a\u0001b\nc", "r");
		assertThat(jackson.readValue(ContextSigner.json(control), RequestContext.class)).isEqualTo(control);
	}

}
