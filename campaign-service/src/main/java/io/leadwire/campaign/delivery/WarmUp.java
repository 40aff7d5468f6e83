package io.leadwire.campaign.delivery;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.leadwire.common.context.Environment;

/**
 * A new WAHA number's warm-up (docs/deliverability.md): the ramp of daily allowances it
 * climbs one step a day while its messages are delivered, holding where it is when they
 * are not, and one step back when they fail badly. {@code level} is its place on
 * {@link #RAMP}; {@code day} the last day (in the cap's zone) it was judged;
 * {@code version} rises with every write. Past the ramp's last step it is warm: no
 * allowance.
 */
@Document("session_warmups")
public record WarmUp(@Id long sessionId, long tenantId, Environment environment, String startedOn, int level,
		String day, String lastMove, long version, Instant updatedAt) {

	/** The daily allowances, messages a day: about ×1.5 a step, two weeks to 2,000. */
	public static final List<Integer> RAMP = List.of(20, 30, 50, 80, 120, 180, 270, 400, 600, 900, 1350, 2000);

	/** A day judged needs at least this many messages attempted to move the ramp. */
	static final int MIN_ATTEMPTED = 10;

	/** Grows on a day with at least this share of the attempted messages delivered… */
	static final double GROW_DELIVERED = 0.80;

	/** …and at most this share failed. */
	static final double GROW_FAILED = 0.10;

	/** A day with more than this share failed steps back. */
	static final double BACK_FAILED = 0.25;

	/** Whether it climbed the whole ramp. */
	public boolean warm() {
		return this.level >= RAMP.size();
	}

	/** Today's allowance; null once warm. */
	public Integer allowance() {
		return warm() ? null : RAMP.get(this.level);
	}

	/**
	 * The level after a day with {@code tally}, and why: up a step when it was used and
	 * healthy, a step back when it failed badly, else where it was.
	 */
	static Move judge(int level, SessionHealth.Tally tally) {
		if (tally.attempted() < MIN_ATTEMPTED) {
			return new Move(level, "held: fewer than " + MIN_ATTEMPTED + " messages to judge");
		}
		double delivered = (double) tally.delivered() / tally.attempted();
		double failed = (double) tally.failed() / tally.attempted();
		if (failed > BACK_FAILED) {
			return new Move(Math.max(0, level - 1),
					"stepped back: " + Math.round(failed * 100) + " % of the day's messages failed");
		}
		if (delivered >= GROW_DELIVERED && failed <= GROW_FAILED) {
			return new Move(level + 1, "grew: " + Math.round(delivered * 100) + " % delivered");
		}
		return new Move(level,
				"held: " + Math.round(delivered * 100) + " % delivered, " + Math.round(failed * 100) + " % failed");
	}

	/** A day's judgement: the new level and why. */
	record Move(int level, String why) {
	}

}
