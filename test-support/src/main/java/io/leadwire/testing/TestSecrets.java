package io.leadwire.testing;

import java.time.Clock;
import java.time.Duration;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.common.context.RequestContext;
import io.leadwire.common.id.IdCodec;

/**
 * The secrets test contexts run with, and contexts signed with them, as the gateway
 * would.
 */
public final class TestSecrets {

	public static final String CONTEXT_SECRET = "test-context-secret-of-32-bytes-at-least";

	public static final String ID_SALT = "test-id-salt-for-leadwire";

	public static final ContextSigner SIGNER = new ContextSigner(CONTEXT_SECRET, Duration.ofSeconds(30),
			Clock.systemUTC());

	public static final IdCodec IDS = new IdCodec(ID_SALT);

	private TestSecrets() {
	}

	public static String tenant(long tenantId, Environment environment) {
		return SIGNER.sign(RequestContext.tenant(tenantId, environment, 1L, 1L, "professional", "test"));
	}

	public static String tenant(long tenantId, Environment environment, long userId) {
		return SIGNER.sign(RequestContext.tenant(tenantId, environment, userId, 1L, "professional", "test"));
	}

	public static String system() {
		return SIGNER.sign(RequestContext.system("test"));
	}

	public static String platformAdmin() {
		return SIGNER.sign(new RequestContext(RequestContext.Scope.PLATFORM_ADMIN, 1L, Environment.LIVE, 1L, 1L, 1L, 1L,
				"enterprise", "test", 0));
	}

}
