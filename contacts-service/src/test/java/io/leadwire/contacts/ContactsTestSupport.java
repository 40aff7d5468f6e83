package io.leadwire.contacts;

import java.util.concurrent.ThreadLocalRandom;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.TestSecrets;

/** Clients of the service under test, each signed for a tenant of its own. */
public final class ContactsTestSupport {

	private ContactsTestSupport() {
	}

	public static long newTenant() {
		return ThreadLocalRandom.current().nextLong(1, 1L << 40);
	}

	public static HttpJson as(int port, long tenantId, Environment environment) {
		return new HttpJson("http://127.0.0.1:" + port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenantId, environment));
	}

}
