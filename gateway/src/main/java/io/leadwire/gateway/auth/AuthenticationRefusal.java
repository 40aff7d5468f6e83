package io.leadwire.gateway.auth;

import io.leadwire.common.api.ErrorCodes;

/**
 * A request the gateway refuses before routing: its status, code and caller-facing
 * message.
 */
final class AuthenticationRefusal extends RuntimeException {

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

	int status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

}
