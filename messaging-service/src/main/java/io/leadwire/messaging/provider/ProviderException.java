package io.leadwire.messaging.provider;

/**
 * A provider refused a call or could not be reached.
 *
 * @see #retryable()
 */
public class ProviderException extends RuntimeException {

	private final boolean retryable;

	private final String code;

	private final java.time.Duration retryAfter;

	private final boolean recipientOnly;

	public ProviderException(String message, boolean retryable) {
		this(message, retryable, retryable ? "unavailable" : "rejected");
	}

	/**
	 * @param code a short machine code from a small fixed set (metrics are tagged with
	 * it): {@code http_<status>}, {@code meta_<error code>}, {@code timeout},
	 * {@code unreachable}, {@code unsupported}…
	 */
	public ProviderException(String message, boolean retryable, String code) {
		this(message, retryable, code, null, false);
	}

	private ProviderException(String message, boolean retryable, String code, java.time.Duration retryAfter,
			boolean recipientOnly) {
		super(message);
		this.retryable = retryable;
		this.code = code;
		this.retryAfter = retryAfter;
		this.recipientOnly = recipientOnly;
	}

	/**
	 * The provider refused the send for now because a rate limit was hit (Meta's
	 * throughput {@code 130429}, pair rate {@code 131056}, upgrade {@code 131057}): the
	 * message was not sent and may go after {@code retryAfter} — the number's next sends
	 * too unless {@code recipientOnly}.
	 */
	public static ProviderException throttled(String message, String code, java.time.Duration retryAfter,
			boolean recipientOnly) {
		return new ProviderException(message, false, code, retryAfter, recipientOnly);
	}

	/** How long to wait before sending it again, when it was throttled; else null. */
	public java.time.Duration retryAfter() {
		return this.retryAfter;
	}

	/** Whether only sends to the same recipient wait ({@link #retryAfter}). */
	public boolean recipientOnly() {
		return this.recipientOnly;
	}

	public String code() {
		return this.code;
	}

	/** A timeout or 5xx: trying again later may work; a 4xx will not. */
	public boolean retryable() {
		return this.retryable;
	}

}
