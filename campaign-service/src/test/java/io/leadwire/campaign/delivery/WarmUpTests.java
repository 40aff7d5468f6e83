package io.leadwire.campaign.delivery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm-up's daily judgement and the ramp's allowances. */
class WarmUpTests {

	@Test
	void aHealthyDayGrowsABadOneHoldsAFailingOneStepsBackAndTooFewMessagesJudgeNothing() {
		assertThat(WarmUp.judge(3, new SessionHealth.Tally(50, 45, 2)).level()).isEqualTo(4);
		WarmUp.Move held = WarmUp.judge(3, new SessionHealth.Tally(50, 30, 4));
		assertThat(held.level()).isEqualTo(3);
		assertThat(held.why()).startsWith("held: 60 % delivered");
		WarmUp.Move back = WarmUp.judge(3, new SessionHealth.Tally(40, 10, 20));
		assertThat(back.level()).isEqualTo(2);
		assertThat(back.why()).contains("50 % of the day's messages failed");
		assertThat(WarmUp.judge(0, new SessionHealth.Tally(40, 0, 40)).level()).as("never below the first step")
			.isZero();
		assertThat(WarmUp.judge(5, new SessionHealth.Tally(9, 9, 0)).level()).isEqualTo(5);
	}

	@Test
	void theRampEndsWarm() {
		WarmUp last = new WarmUp(1, 1, null, "2027-01-01", WarmUp.RAMP.size() - 1, "2027-01-12", "", 1, null);
		assertThat(last.allowance()).isEqualTo(2000);
		assertThat(last.warm()).isFalse();
		WarmUp warm = new WarmUp(1, 1, null, "2027-01-01", WarmUp.RAMP.size(), "2027-01-13", "", 1, null);
		assertThat(warm.warm()).isTrue();
		assertThat(warm.allowance()).isNull();
		assertThat(WarmUp.RAMP).isSorted().startsWith(20);
	}

}
