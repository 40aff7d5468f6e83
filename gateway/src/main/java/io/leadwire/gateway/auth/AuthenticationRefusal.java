package io.leadwire.gateway.auth;

import io.leadwire.common.api.ErrorCodes;

/**
 * A request the gateway refuses before routing: its status, code and caller-facing
 * message. Authentication leaves it in the exchange ({@link #ATTRIBUTE}) for the rate
 * limiter, which answers it unless the client address is over its limit (guessing keys is
 * throttled like anything else).
 */
public final class AuthenticationRefusal extends RuntimeException {

	public static final String ATTRIBUTE = "leadwire.authenticationRefusal";

	private final int status;

	private final String code;

	AuthenticationRefusal(int status, String code, String message) {
		super(message, null, false, false);
		this.status = status;
		this.code = code;
	}

	static AuthenticationRefusal invalidKey() {
		return new AuthenticationRefusal(401, ErrorCodes.INVALID_API_KEY, "Invalid API key");
	}

	public int status() {
		return this.status;
	}

	public String code() {
		return this.code;
	}

}
