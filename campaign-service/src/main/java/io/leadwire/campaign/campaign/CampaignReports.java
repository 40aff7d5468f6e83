package io.leadwire.campaign.campaign;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import io.leadwire.campaign.recipients.CampaignRecipient;
import io.leadwire.common.api.ApiException;

/**
 * Analytics and the recipient list of a campaign, counted from its frozen recipients
 * (whose statuses only move forward, once per event), never from counters: {@code total}
 * recipients to send to; {@code sent} every one the provider accepted (delivered and read
 * ones too), {@code delivered} including read, {@code read}, {@code failed};
 * {@code pending = total − sent − failed}; {@code deliveryRate =
 * delivered / sent} and {@code readRate = read / delivered} in percent to one decimal.
 * With {@code period=24h|7d}, {@code sent}, {@code delivered}, {@code read} and
 * {@code failed} count what happened in that period; {@code total} and {@code pending}
 * stay the campaign's.
 */
@Service
class CampaignReports {

	private final MongoOperations mongo;

	CampaignReports(MongoOperations mongo) {
		this.mongo = mongo;
	}

	Analytics analytics(Campaign campaign, String period) {
		Instant since = switch ((period == null || period.isBlank()) ? "all" : period.strip()) {
			case "all" -> null;
			case "24h" -> Instant.now().minus(Duration.ofHours(24));
			case "7d" -> Instant.now().minus(Duration.ofDays(7));
			default -> throw ApiException.validation("period", "all, 24h or 7d");
		};
		long total = count(campaign, Criteria.where("state").in("pending", "sending", "sent", "failed"));
		long sentAll = count(campaign, Criteria.where("statusRank").in(1, 2, 3));
		long failedAll = count(campaign, Criteria.where("state").is("failed"));
		long sent = (since == null) ? sentAll : count(campaign, Criteria.where("sentAt").gte(since));
		long delivered = count(campaign, within(Criteria.where("statusRank").in(2, 3), "deliveredAt", since));
		long read = count(campaign, within(Criteria.where("statusRank").is(3), "readAt", since));
		long failed = (since == null) ? failedAll : count(campaign, Criteria.where("failedAt").gte(since));
		return new Analytics(total, sent, delivered, read, failed, Math.max(0, total - sentAll - failedAll),
				percent(delivered, sent), percent(read, delivered));
	}

	/**
	 * A page of recipients in campaign order after {@code afterSeq}, by status if given.
	 */
	List<CampaignRecipient> recipients(Campaign campaign, String status, Long afterSeq, int limit) {
		Criteria criteria = Criteria.where("campaignId").is(campaign.id());
		if (status != null && !status.isBlank()) {
			criteria = switch (status.strip()) {
				case "pending", "sending", "failed", "skipped" -> criteria.and("state").is(status.strip());
				case "sent" -> criteria.and("statusRank").in(1, 2, 3);
				case "delivered" -> criteria.and("statusRank").in(2, 3);
				case "read" -> criteria.and("statusRank").is(3);
				default -> throw ApiException.validation("status",
						"pending, sending, sent, delivered, read, failed or skipped");
			};
		}
		if (afterSeq != null) {
			criteria.and("seq").gt(afterSeq);
		}
		return this.mongo.find(Query.query(criteria).with(Sort.by("seq")).limit(limit), CampaignRecipient.class);
	}

	private long count(Campaign campaign, Criteria criteria) {
		return this.mongo.count(
				Query.query(new Criteria().andOperator(Criteria.where("campaignId").is(campaign.id()), criteria)),
				CampaignRecipient.class);
	}

	private static Criteria within(Criteria criteria, String field, Instant since) {
		return (since == null) ? criteria : criteria.and(field).gte(since);
	}

	private static double percent(long part, long whole) {
		if (whole == 0) {
			return 0.0;
		}
		return BigDecimal.valueOf(part * 100.0 / whole).setScale(1, RoundingMode.HALF_UP).doubleValue();
	}

	/** API.md §6's analytics. */
	record Analytics(long total, long sent, long delivered, long read, long failed, long pending, double deliveryRate,
			double readRate) {
	}

}
