package io.leadwire.common.logging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialMaskingTests {

	static final String KEY = "lw_live_sk_AbCdEfGhIjKlMnOpQrStUvWxYz0123456";

	@Test
	void keysAnywhereInALineKeepOnlyTheirDisplayPrefix() {
		assertThat(CredentialMasking.mask("500 Server Error for HTTP GET \"/v1/leads?limit=1&api_key=" + KEY + "\""))
			.isEqualTo("500 Server Error for HTTP GET \"/v1/leads?limit=1&api_key=***\"")
			.doesNotContain(KEY.substring(15));
		assertThat(CredentialMasking.mask("X-API-Key: " + KEY)).isEqualTo("X-API-Key: ***");
		assertThat(CredentialMasking.mask("sent " + KEY.replace("live", "test") + ", next"))
			.isEqualTo("sent lw_test_sk_AbCd***, next");
	}

	@Test
	void apiKeyParametersBearerTokensAndJwtsAreMaskedWhateverTheirShape() {
		assertThat(CredentialMasking.mask("GET /v1/leads?API_KEY=not-even-a-key&limit=5"))
			.isEqualTo("GET /v1/leads?API_KEY=***&limit=5");
		assertThat(CredentialMasking.mask("/v1/leads?api_key%3Dsecret")).isEqualTo("/v1/leads?api_key%3D***");
		assertThat(CredentialMasking.mask("Authorization: Bearer abc.def-ghi")).isEqualTo("Authorization: Bearer ***");
		assertThat(CredentialMasking.mask("token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl done"))
			.isEqualTo("token *** done");
		assertThat(CredentialMasking.mask("{\"apiKey\": \"s3cr3t\"}")).isEqualTo("{\"apiKey\": \"***\"}");
	}

	@Test
	void linesWithoutCredentialsAreReturnedAsTheyAre() {
		String line = "Import 1000042 done: 10000 rows, 9900 created, 0 updated, 0 skipped, 100 failed";
		assertThat(CredentialMasking.mask(line)).isSameAs(line);
		String kafka = "key.serializer = class org.apache.kafka.common.serialization.StringSerializer";
		assertThat(CredentialMasking.mask(kafka)).isEqualTo(kafka);
		assertThat(CredentialMasking.mask(null)).isNull();
	}

}
