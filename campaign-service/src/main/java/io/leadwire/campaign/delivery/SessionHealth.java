package io.leadwire.campaign.delivery;

import java.time.Instant;

/**
 * How a session's campaign messages fared between two instants, for its warm-up: the
 * messages the provider took or that failed ({@code attempted}), those delivered and
 * those failed. Implemented from the campaigns' recipients.
 */
public interface SessionHealth {

	Tally tally(long sessionId, Instant from, Instant to);

	/** The counts of one period. */
	record Tally(long attempted, long delivered, long failed) {
	}

}
