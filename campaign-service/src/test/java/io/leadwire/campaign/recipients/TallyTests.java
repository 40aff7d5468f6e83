package io.leadwire.campaign.recipients;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import io.leadwire.common.context.Environment;
import io.leadwire.testing.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Analytics' counts come from one pass over a campaign's recipients: each figure equals
 * the count of its own query, for the whole campaign and within a period, and another
 * campaign's recipients never count.
 */
@ServiceTest
class TallyTests {

	@Autowired
	RecipientStore recipients;

	@Autowired
	MongoTemplate mongo;

	@Test
	void eachFigureIsTheCountOfItsOwnQueryOverTheCampaignAndWithinAPeriod() {
		long campaign = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		Instant now = Instant.now();
		Instant old = now.minus(Duration.ofDays(3));
		Instant recent = now.minus(Duration.ofHours(1));
		List<CampaignRecipient> all = new ArrayList<>();
		int seq = 0;
		for (Instant at : new Instant[] { old, recent }) {
			all.add(recipient(campaign, ++seq, RecipientState.PENDING, null, null, null, null, null));
			all.add(recipient(campaign, ++seq, RecipientState.SENDING, null, null, null, null, null));
			all.add(recipient(campaign, ++seq, RecipientState.SENT, 1, at, null, null, null));
			all.add(recipient(campaign, ++seq, RecipientState.SENT, 2, old, at, null, null));
			all.add(recipient(campaign, ++seq, RecipientState.SENT, 3, old, old, at, null));
			all.add(recipient(campaign, ++seq, RecipientState.SENT, 3, recent, recent, recent, null));
			all.add(recipient(campaign, ++seq, RecipientState.FAILED, 4, null, null, null, at));
			all.add(recipient(campaign, ++seq, RecipientState.SKIPPED, null, null, null, null, null));
		}
		// Another campaign's recipients, all sent and read recently: never counted.
		for (int i = 0; i < 5; i++) {
			all.add(recipient(campaign + 1, i, RecipientState.SENT, 3, recent, recent, recent, null));
		}
		this.mongo.insertAll(all);

		Instant day = now.minus(Duration.ofHours(24));
		RecipientStore.Tally whole = this.recipients.tally(campaign, null);
		RecipientStore.Tally within = this.recipients.tally(campaign, day);

		assertThat(whole).isEqualTo(new RecipientStore.Tally(count(campaign, states()), count(campaign, ranks(1, 2, 3)),
				count(campaign, Criteria.where("state").is("failed")), count(campaign, ranks(1, 2, 3)),
				count(campaign, ranks(2, 3)), count(campaign, ranks(3)),
				count(campaign, Criteria.where("state").is("failed"))));
		assertThat(within).isEqualTo(new RecipientStore.Tally(count(campaign, states()),
				count(campaign, ranks(1, 2, 3)), count(campaign, Criteria.where("state").is("failed")),
				count(campaign, Criteria.where("sentAt").gte(day)),
				count(campaign, ranks(2, 3).and("deliveredAt").gte(day)),
				count(campaign, ranks(3).and("readAt").gte(day)),
				count(campaign, Criteria.where("failedAt").gte(day))));
		// The figures themselves, so the comparison above is not of two empty answers.
		assertThat(whole).isEqualTo(new RecipientStore.Tally(14, 8, 2, 8, 6, 4, 2));
		assertThat(within).isEqualTo(new RecipientStore.Tally(14, 8, 2, 3, 3, 3, 1));
		assertThat(this.recipients.tally(campaign + 2, null)).isEqualTo(new RecipientStore.Tally(0, 0, 0, 0, 0, 0, 0));
	}

	private static Criteria states() {
		return Criteria.where("state").in("pending", "sending", "sent", "failed");
	}

	private static Criteria ranks(Integer... ranks) {
		return Criteria.where("statusRank").in((Object[]) ranks);
	}

	private long count(long campaign, Criteria criteria) {
		return this.mongo.count(Query.query(Criteria.where("campaignId").is(campaign).andOperator(criteria)),
				CampaignRecipient.class);
	}

	private static CampaignRecipient recipient(long campaign, int seq, RecipientState state, Integer rank, Instant sent,
			Instant delivered, Instant read, Instant failed) {
		String phone = "+2547%08d".formatted(seq);
		return new CampaignRecipient(CampaignRecipient.idOf(campaign, phone), campaign, 7, Environment.TEST, seq, phone,
				phone, null, null, "Hi", null, state, null, null, Instant.now(), rank, sent, delivered, read, failed,
				null, null);
	}

}
