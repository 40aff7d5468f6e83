package io.leadwire.gateway.scopes;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scope each path needs, with the seeds' own paths (RPC-style contacts, WAHA-style
 * sends).
 */
class RouteScopesTests {

	private final RouteScopes routes = new RouteScopes();

	@Test
	void readsNeedTheReadScopeAndEverythingElseTheWriteScope() {
		assertThat(this.routes.required(HttpMethod.GET, "/v1/leads")).isEqualTo("leads:read");
		assertThat(this.routes.required(HttpMethod.GET, "/v1/leads/MLb0ZdXrQ7y4oRvG")).isEqualTo("leads:read");
		assertThat(this.routes.required(HttpMethod.POST, "/v1/leads")).isEqualTo("leads:write");
		assertThat(this.routes.required(HttpMethod.DELETE, "/v1/leads/MLb0ZdXrQ7y4oRvG")).isEqualTo("leads:write");
		assertThat(this.routes.required(HttpMethod.POST, "/v1/leads/verify")).isEqualTo("leads:write");
		assertThat(this.routes.required(HttpMethod.GET, "/v1/contacts/groups")).isEqualTo("contacts:read");
		assertThat(this.routes.required(HttpMethod.POST, "/v1/contacts/create")).isEqualTo("contacts:write");
		assertThat(this.routes.required(HttpMethod.POST, "/v1/contacts/toggle-favorite")).isEqualTo("contacts:write");
		assertThat(this.routes.required(HttpMethod.PUT, "/v1/campaigns/delivery-settings/sessions/X"))
			.isEqualTo("campaigns:write");
	}

	@Test
	void sendingAndKeysHaveTheirOwnScopes() {
		assertThat(this.routes.required(HttpMethod.POST, "/v1/messages")).isEqualTo("messages:send");
		assertThat(this.routes.required(HttpMethod.POST, "/v1/waha/send")).isEqualTo("messages:send");
		assertThat(this.routes.required(HttpMethod.GET, "/v1/messages/activity")).isEqualTo("messages:read");
		assertThat(this.routes.required(HttpMethod.GET, "/v1/waha/sessions")).isEqualTo("sessions:read");
		assertThat(this.routes.required(HttpMethod.GET, "/v1/api-keys")).isEqualTo("keys:admin");
		assertThat(this.routes.required(HttpMethod.POST, "/v1/api-keys/revoke")).isEqualTo("keys:admin");
		assertThat(this.routes.required(HttpMethod.GET, "/v1/audit-log")).isEqualTo("audit:read");
	}

	@Test
	void postsThatOnlyReadNeedTheReadScope() {
		assertThat(this.routes.required(HttpMethod.POST, "/v1/campaigns/preview-recipients"))
			.isEqualTo("campaigns:read");
	}

	@Test
	void everyKeyMayFindItsBearingsAndOnlyAnUnrestrictedOneAdministersThePlatform() {
		assertThat(this.routes.required(HttpMethod.GET, "/v1/users/me")).isEqualTo(RouteScopes.NONE);
		assertThat(this.routes.required(HttpMethod.GET, "/v1/accounts/companies")).isEqualTo(RouteScopes.NONE);
		assertThat(this.routes.required(HttpMethod.GET, "/v1/usage")).isEqualTo(RouteScopes.NONE);
		assertThat(this.routes.required(HttpMethod.GET, "/v1/users")).isEqualTo("users:read");
		assertThat(this.routes.required(HttpMethod.POST, "/v1/admin/tenants")).isNull();
		assertThat(this.routes.required(HttpMethod.GET, "/v1/something-new")).isNull();
	}

}
