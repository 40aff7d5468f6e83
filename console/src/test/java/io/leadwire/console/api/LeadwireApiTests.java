package io.leadwire.console.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which calls follow the user's live/test switch: the tenant's account never does. */
class LeadwireApiTests {

	@Test
	void accountPathsAreAlwaysLive() {
		assertThat(LeadwireApi.isAccountPath("/v1/api-keys")).isTrue();
		assertThat(LeadwireApi.isAccountPath("/v1/api-keys/Ab1/regenerate")).isTrue();
		assertThat(LeadwireApi.isAccountPath("/v1/wallet/ledger")).isTrue();
		assertThat(LeadwireApi.isAccountPath("/v1/users")).isTrue();
		assertThat(LeadwireApi.isAccountPath("/v1/usersx")).isFalse();
		assertThat(LeadwireApi.isAccountPath("/v1/contacts")).isFalse();
		assertThat(LeadwireApi.isAccountPath("/v1/sessions/Ab1")).isFalse();
	}

}
