package io.leadwire.common.phone;

/**
 * Text that is not a phone number; the message completes "phone …" ("is too short to be a
 * phone number") and is safe to show. No stack trace: an import may refuse a million.
 */
public class InvalidPhoneNumberException extends IllegalArgumentException {

	public InvalidPhoneNumberException(String reason) {
		super(reason);
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}
