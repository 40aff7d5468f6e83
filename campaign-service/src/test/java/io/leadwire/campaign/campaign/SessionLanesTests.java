package io.leadwire.campaign.campaign;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.leadwire.common.context.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatch loop's rules: how many messages a campaign may have awaiting their outcome
 * (fifteen seconds of its sends, capped: what a broker outage lets pile up) and its pace.
 */
class SessionLanesTests {

	@Test
	void aCampaignKeepsFifteenSecondsOfItsSendsInFlightAtMost() {
		assertThat(SessionLanes.limit(campaign(Strategy.SEQUENTIAL, 600, 6000))).isEqualTo(150);
		assertThat(SessionLanes.limit(campaign(Strategy.SEQUENTIAL, 6000, 600))).as("the session is slower")
			.isEqualTo(150);
		assertThat(SessionLanes.limit(campaign(Strategy.BURST, 10, 1200))).as("a burst: the session's rate")
			.isEqualTo(300);
		assertThat(SessionLanes.limit(campaign(Strategy.BURST, 10, 6000))).as("capped").isEqualTo(500);
		assertThat(SessionLanes.limit(campaign(Strategy.SEQUENTIAL, 10, 60))).isEqualTo(2);
		assertThat(SessionLanes.limit(campaign(Strategy.SEQUENTIAL, 1, 60))).as("at least one").isEqualTo(1);
		assertThat(SessionLanes.limit(campaign(Strategy.BURST, 10, 60_000))).as("capped").isEqualTo(500);
		assertThat(SessionLanes.limit(campaign(Strategy.RANDOM, 1200, null))).as("launched before the rate was kept")
			.isEqualTo(300);
	}

	@Test
	void aCampaignWithAFullWindowIsHandedMoreOnceAQuarterOfItIsFree() {
		assertThat(SessionLanes.minRoom(campaign(Strategy.BURST, 10, 60_000))).as("a burst: 500 / 4").isEqualTo(125);
		assertThat(SessionLanes.minRoom(campaign(Strategy.SEQUENTIAL, 600, 6000))).isEqualTo(37);
		assertThat(SessionLanes.minRoom(campaign(Strategy.SEQUENTIAL, 10, 60))).as("at least one").isEqualTo(1);
	}

	@Test
	void aSequentialCampaignIsDueEvenlyAndABreakComesEveryTwentyMessages() {
		Campaign paced = campaign(Strategy.SEQUENTIAL, 600, 6000);
		Instant start = Instant.parse("2026-11-29T10:00:00Z");
		SessionLanes.Pace pace = new SessionLanes.Pace(start, 0);
		for (int i = 0; i < 19; i++) {
			pace = SessionLanes.next(paced, pace, pace.due());
		}
		assertThat(pace.due()).isEqualTo(start.plusMillis(1900));
		Campaign antiBan = new Campaign(1, 1, Environment.TEST, "c", null, "whatsapp", 2, RecipientSource.MANUAL, null,
				null, null, Strategy.SEQUENTIAL, 600, true, null, CampaignStatus.RUNNING, null, 1, start, start, start,
				null, true, null, 6000, null);
		SessionLanes.Pace twentieth = SessionLanes.next(antiBan, pace, pace.due());
		assertThat(twentieth.due()).as("the 20th message's gap and a break of three more")
			.isEqualTo(start.plusMillis(1900 + 400));
	}

	private static Campaign campaign(Strategy strategy, int rate, Integer sessionRate) {
		Instant now = Instant.now();
		return new Campaign(1, 1, Environment.TEST, "c", null, "whatsapp", 2, RecipientSource.MANUAL, null, null, null,
				strategy, rate, false, null, CampaignStatus.RUNNING, null, 1, now, now, now, null, true, null,
				sessionRate, null);
	}

}
