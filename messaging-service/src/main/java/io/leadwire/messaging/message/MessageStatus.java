package io.leadwire.messaging.message;

import java.util.Locale;

/**
 * A message's statuses, in the only order they may be reached: a later ack never moves a
 * message back (acks arrive out of order), and {@code failed} is reached only from
 * {@code queued} or {@code sent}.
 */
public enum MessageStatus {

	QUEUED(0), SENT(1), DELIVERED(2), READ(3), FAILED(4), RECEIVED(5);

	private final int rank;

	MessageStatus(int rank) {
		this.rank = rank;
	}

	public int rank() {
		return this.rank;
	}

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The event a move to this status publishes on {@code message.status}. */
	String eventType() {
		return switch (this) {
			case SENT -> "MessageSent";
			case DELIVERED -> "MessageDelivered";
			case READ -> "MessageRead";
			case FAILED -> "MessageFailed";
			default -> null;
		};
	}

	public static MessageStatus parse(String value) {
		try {
			return valueOf(value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			return null;
		}
	}

}
