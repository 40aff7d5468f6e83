package io.leadwire.common.feign;

import feign.Request;
import feign.RetryableException;
import feign.Retryer;

/**
 * Retries a Feign call that failed to connect or timed out only when repeating it cannot
 * do anything twice: GET, HEAD, OPTIONS, PUT and DELETE, up to {@code attempts} in all,
 * {@code backoffMillis} × attempt apart. A POST is never retried.
 */
public final class IdempotentRetryer implements Retryer {

	private final int attempts;

	private final long backoffMillis;

	private int attempt = 1;

	public IdempotentRetryer(int attempts, long backoffMillis) {
		this.attempts = attempts;
		this.backoffMillis = backoffMillis;
	}

	@Override
	public void continueOrPropagate(RetryableException ex) {
		Request.HttpMethod method = ex.method();
		boolean idempotent = method == Request.HttpMethod.GET || method == Request.HttpMethod.HEAD
				|| method == Request.HttpMethod.OPTIONS || method == Request.HttpMethod.PUT
				|| method == Request.HttpMethod.DELETE;
		if (!idempotent || this.attempt >= this.attempts) {
			throw ex;
		}
		try {
			Thread.sleep(this.backoffMillis * this.attempt);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw ex;
		}
		this.attempt++;
	}

	@Override
	public Retryer clone() {
		return new IdempotentRetryer(this.attempts, this.backoffMillis);
	}

}
