package io.leadwire.messaging.session;

/**
 * The session a piece of work was paced on was deleted meanwhile: the work stops rather
 * than waiting for a slot that will never open.
 */
public class SessionGoneException extends RuntimeException {

	private final long sessionId;

	public SessionGoneException(long sessionId) {
		super("the session was deleted");
		this.sessionId = sessionId;
	}

	public long sessionId() {
		return this.sessionId;
	}

}
