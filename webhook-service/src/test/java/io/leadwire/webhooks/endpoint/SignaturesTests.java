package io.leadwire.webhooks.endpoint;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignaturesTests {

	/**
	 * The Standard Webhooks specification's own example (its reference libraries' test).
	 */
	@Test
	void signsTheSpecificationsExampleAsItDoes() {
		String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
		byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

		String header = Signatures.header(List.of(secret), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, body);

		assertThat(header).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	}

	@Test
	void duringARotationEverySecretSignsSeparatedBySpaces() {
		String current = Signatures.newSecret();
		String previous = Signatures.newSecret();
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

		String header = Signatures.header(List.of(current, previous), "msg_1", 1L, body);

		assertThat(header.split(" ")).containsExactly("v1," + Signatures.sign(current, "msg_1", 1L, body),
				"v1," + Signatures.sign(previous, "msg_1", 1L, body));
		assertThat(current).startsWith("whsec_").isNotEqualTo(previous);
		assertThat(java.util.Base64.getDecoder().decode(current.substring(6))).hasSize(24);
	}

}
