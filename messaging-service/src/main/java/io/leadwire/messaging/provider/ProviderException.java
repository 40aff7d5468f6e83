package io.leadwire.messaging.provider;

/**
 * A provider refused a call or could not be reached.
 *
 * @see #retryable()
 */
public class ProviderException extends RuntimeException {

	private final boolean retryable;

	private final String code;

	public ProviderException(String message, boolean retryable) {
		this(message, retryable, retryable ? "unavailable" : "rejected");
	}

	/**
	 * @param code a short machine code from a small fixed set (metrics are tagged with
	 * it): {@code http_<status>}, {@code meta_<error code>}, {@code timeout},
	 * {@code unreachable}, {@code unsupported}…
	 */
	public ProviderException(String message, boolean retryable, String code) {
		super(message);
		this.retryable = retryable;
		this.code = code;
	}

	public String code() {
		return this.code;
	}

	/** A timeout or 5xx: trying again later may work; a 4xx will not. */
	public boolean retryable() {
		return this.retryable;
	}

}
