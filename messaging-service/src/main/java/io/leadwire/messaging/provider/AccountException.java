package io.leadwire.messaging.provider;

/** The account a session was asked to connect is incomplete or malformed: a 422 on it. */
public class AccountException extends ProviderException {

	private final String field;

	public AccountException(String field, String message) {
		super(message, false);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
