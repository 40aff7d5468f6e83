package io.leadwire.common.apikey;

import org.junit.jupiter.api.Test;

import io.leadwire.common.context.Environment;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyFormatTests {

	@Test
	void generatedKeysHaveTheDocumentedShapeAndParse() {
		for (Environment environment : Environment.values()) {
			String key = ApiKeyFormat.generate(environment);
			assertThat(key).matches("lw_" + environment.wireName() + "_sk_[0-9A-Za-z]{32}");
			assertThat(ApiKeyFormat.parse(key)).isEqualTo(environment);
			assertThat(ApiKeyFormat.displayPrefix(key)).hasSize(15).startsWith("lw_" + environment.wireName() + "_sk_");
		}
	}

	@Test
	void everySingleCharacterTypoIsRefused() {
		String key = ApiKeyFormat.generate(Environment.LIVE);
		for (int i = 11; i < key.length(); i++) {
			char replacement = (key.charAt(i) == 'a') ? 'b' : 'a';
			String typo = key.substring(0, i) + replacement + key.substring(i + 1);
			assertThat(ApiKeyFormat.parse(typo)).as("typo at %d", i).isNull();
		}
	}

	@Test
	void malformedKeysAreRefused() {
		String key = ApiKeyFormat.generate(Environment.TEST);
		assertThat(ApiKeyFormat.parse(null)).isNull();
		assertThat(ApiKeyFormat.parse("")).isNull();
		assertThat(ApiKeyFormat.parse(key.replace("lw_test", "lw_prod"))).isNull();
		assertThat(ApiKeyFormat.parse(key.substring(1))).isNull();
		assertThat(ApiKeyFormat.parse(key + "0")).isNull();
		assertThat(ApiKeyFormat.parse(key.substring(0, 20) + "-" + key.substring(21))).isNull();
	}

	@Test
	void theStoredHashIsSha256Hex() {
		assertThat(ApiKeyFormat.sha256Hex("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

}
