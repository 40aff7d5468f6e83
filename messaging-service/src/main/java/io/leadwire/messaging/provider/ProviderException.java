package io.leadwire.messaging.provider;

/**
 * A provider refused a call or could not be reached.
 *
 * @see #retryable()
 */
public class ProviderException extends RuntimeException {

	private final boolean retryable;

	public ProviderException(String message, boolean retryable) {
		super(message);
		this.retryable = retryable;
	}

	/** A timeout or 5xx: trying again later may work; a 4xx will not. */
	public boolean retryable() {
		return this.retryable;
	}

}
