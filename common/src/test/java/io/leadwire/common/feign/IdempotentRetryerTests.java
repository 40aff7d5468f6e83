package io.leadwire.common.feign;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import feign.Request;
import feign.RetryableException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotentRetryerTests {

	static RetryableException failed(Request.HttpMethod method) {
		Request request = Request.create(method, "http://apikey/v1/users/1", Map.of(), null, StandardCharsets.UTF_8,
				null);
		return new RetryableException(-1, "connection reset", method, (Long) null, request);
	}

	@Test
	void anIdempotentCallIsRetriedUpToItsAttemptsThenFails() {
		for (Request.HttpMethod method : new Request.HttpMethod[] { Request.HttpMethod.GET, Request.HttpMethod.PUT,
				Request.HttpMethod.DELETE }) {
			IdempotentRetryer retryer = (IdempotentRetryer) new IdempotentRetryer(3, 1).clone();
			assertThatCode(() -> retryer.continueOrPropagate(failed(method))).doesNotThrowAnyException();
			assertThatCode(() -> retryer.continueOrPropagate(failed(method))).doesNotThrowAnyException();
			assertThatThrownBy(() -> retryer.continueOrPropagate(failed(method)))
				.isInstanceOf(RetryableException.class);
		}
	}

	@Test
	void aPostIsNeverRetried() {
		IdempotentRetryer retryer = new IdempotentRetryer(3, 1);
		assertThatThrownBy(() -> retryer.continueOrPropagate(failed(Request.HttpMethod.POST)))
			.isInstanceOf(RetryableException.class);
		assertThatThrownBy(() -> retryer.continueOrPropagate(failed(Request.HttpMethod.PATCH)))
			.isInstanceOf(RetryableException.class);
	}

}
