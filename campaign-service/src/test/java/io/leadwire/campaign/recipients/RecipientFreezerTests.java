package io.leadwire.campaign.recipients;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import io.leadwire.campaign.PeersStub;
import io.leadwire.common.context.Environment;
import io.leadwire.common.context.TenantScope;
import io.leadwire.testing.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Freezing a campaign's recipients page by page: personalised, de-duplicated on the
 * number across pages, opted-out numbers kept as skipped, and a freeze that restarts from
 * an older checkpoint (its last one lost in a crash) counting nobody twice.
 */
@ServiceTest
class RecipientFreezerTests {

	@Autowired
	RecipientFreezer freezer;

	@Autowired
	MongoTemplate mongo;

	@Test
	void aGroupAndAPhoneListFreezeOnceEachWithTheirOwnTextAndRestartsCountNobodyTwice() {
		long tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		long group = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		List<String> members = new ArrayList<>();
		for (int i = 0; i < 2_500; i++) {
			members.add("+2547%08d".formatted(i));
		}
		PeersStub.members(tenant, group, members);
		for (int i = 0; i < 5; i++) {
			PeersStub.optedOut(tenant, members.get(i * 400));
		}
		// The phone list repeats ten members (on another page than theirs) and has one
		// non-number.
		List<String> phones = new ArrayList<>(members.subList(100, 110).stream().map((p) -> p.substring(1)).toList());
		phones.add("12");
		TenantScope scope = new TenantScope(tenant, Environment.LIVE);

		long campaign = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		RecipientFreezer.Target target = new RecipientFreezer.Target(campaign, scope,
				ContactsRecipients.Selection.of(List.of(group), null, phones), "Hi {{name}}, {{tier}} tier", null,
				Map.of("name", "friend"));
		List<RecipientFreezer.Progress> checkpoints = new ArrayList<>();
		RecipientFreezer.Progress done = this.freezer.freeze(target, RecipientFreezer.Progress.START, checkpoints::add);
		assertThat(checkpoints).hasSize(3);
		assertThat(done.done()).isTrue();
		assertThat(done.pending()).isEqualTo(2_495);
		assertThat(done.optedOut()).isEqualTo(5);
		assertThat(done.duplicates()).isEqualTo(10);
		assertThat(done.invalid()).isEqualTo(1);
		assertThat(count(campaign, "pending")).isEqualTo(2_495);
		assertThat(count(campaign, "skipped")).as("5 opted out, 1 not a number").isEqualTo(6);
		CampaignRecipient first = this.mongo.findById(CampaignRecipient.idOf(campaign, members.get(1)),
				CampaignRecipient.class);
		assertThat(first.text()).isEqualTo("Hi Contact 1, gold tier");
		assertThat(first.seq()).isEqualTo(1);

		// A second freeze of the same campaign from an old checkpoint (the later ones
		// lost):
		// the pages it writes again are recognised, and the counts come out the same.
		RecipientFreezer.Progress again = this.freezer.freeze(target, checkpoints.get(0), (progress) -> true);
		assertThat(again).isEqualTo(done);
		assertThat(count(campaign, null)).isEqualTo(2_501);
	}

	private long count(long campaign, String state) {
		Criteria criteria = Criteria.where("campaignId").is(campaign);
		if (state != null) {
			criteria.and("state").is(state);
		}
		return this.mongo.count(Query.query(criteria), CampaignRecipient.class);
	}

}
