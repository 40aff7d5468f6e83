package io.leadwire.messaging;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh live tenant with credits and a WAHA session, made through the service's own API
 * as a client would (the platform admin tops the wallet up).
 *
 * @param tenantId the tenant
 * @param live calls as the tenant's live key
 * @param sessionId its WAHA session
 */
public record LiveWahaTenant(long tenantId, HttpJson live, long sessionId) {

	public static LiveWahaTenant open(int port, long credits) {
		long tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		HttpJson admin = new HttpJson("http://127.0.0.1:" + port).header(ContextSigner.HEADER,
				TestSecrets.platformAdmin());
		assertThat(admin.post("/v1/wallet/top-up", Map.of("tenantId", tenant, "credits", credits)).status())
			.isEqualTo(200);
		HttpJson live = new HttpJson("http://127.0.0.1:" + port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenant, Environment.LIVE));
		long sessionId = live.post("/v1/waha/sessions", Map.of("name", "My Business API Session"))
			.data()
			.get("id")
			.asLong();
		return new LiveWahaTenant(tenant, live, sessionId);
	}

}
