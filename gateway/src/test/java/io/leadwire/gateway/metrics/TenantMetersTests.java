package io.leadwire.gateway.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.leadwire.common.context.Environment;
import io.leadwire.common.context.RequestContext;
import io.leadwire.common.id.IdCodec;
import io.leadwire.gateway.auth.Caller;

import static org.assertj.core.api.Assertions.assertThat;

class TenantMetersTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final IdCodec ids = new IdCodec("a-salt-of-sixteen-chars");

	private final TenantMeters meters = new TenantMeters(this.registry, this.ids, 2);

	private static Caller caller(long tenantId) {
		return new Caller(RequestContext.Scope.TENANT, tenantId, Environment.LIVE, 7L, 7L, tenantId, 9L, "free", null,
				null, null);
	}

	@Test
	void tenantsAreTaggedWithTheirPublicIdUpToTheLimitThenCountedAsOther() {
		for (long tenant : new long[] { 101, 102, 103, 104, 101 }) {
			this.meters.request(caller(tenant));
		}
		this.meters.rateLimited(caller(104));

		assertThat(this.registry.get("leadwire.gateway.tenant.requests")
			.tag("tenant", this.ids.encode(101))
			.counter()
			.count()).isEqualTo(2);
		assertThat(this.registry.get("leadwire.gateway.tenant.requests")
			.tag("tenant", this.ids.encode(102))
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("leadwire.gateway.tenant.requests").tag("tenant", "other").counter().count())
			.isEqualTo(2);
		assertThat(this.registry.get("leadwire.gateway.tenant.rate.limited").tag("tenant", "other").counter().count())
			.isEqualTo(1);
		assertThat(this.registry.find("leadwire.gateway.tenant.requests").counters()).hasSize(3);
		assertThat(this.registry.find("leadwire.gateway.tenant.rate.limited").counters()).hasSize(3);
		assertThat(this.registry.get("leadwire.gateway.tenant.requests")
			.tag("tenant", "other")
			.counter()
			.getId()
			.getTag("plan")).isEqualTo("free");
	}

}
