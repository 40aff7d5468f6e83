package io.leadwire.campaign.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import io.leadwire.common.context.TenantScope;

/**
 * The delivery rules a session's dispatch loop applies (docs/deliverability.md): whether
 * a recipient's sending window is open, and the session's share of its daily cap. Time is
 * read from {@link #clock()}: the system's in production, one a test moves.
 */
@Service
public class Delivery {

	private final DeliverySettingsStore settings;

	private final RecipientZones zones;

	private final DailyCaps caps;

	private final RecipientHistory history;

	private final WarmUps warmUps;

	private final Clock clock;

	private final SessionNumbers numbers;

	private final MessagingLimits limits;

	Delivery(DeliverySettingsStore settings, RecipientZones zones, DailyCaps caps, RecipientHistory history,
			WarmUps warmUps, Clock clock, SessionNumbers numbers, MessagingLimits limits) {
		this.numbers = numbers;
		this.limits = limits;
		this.history = history;
		this.warmUps = warmUps;
		this.settings = settings;
		this.zones = zones;
		this.caps = caps;
		this.clock = clock;
	}

	public Clock clock() {
		return this.clock;
	}

	/**
	 * The rules for a campaign of the session, with the campaign's own window if any, and
	 * the session's warm-up as of today (judged from its last day if today is new).
	 */
	public Effective rules(TenantScope scope, long sessionId, SendingWindow campaignWindow) {
		Effective rules = this.settings.effective(scope, sessionId, campaignWindow);
		Effective.MetaLimit limit = metaLimit(scope, sessionId);
		if (limit != null) {
			rules = rules.with(limit);
		}
		if (!rules.warmUpOn()) {
			return rules;
		}
		Instant now = this.clock.instant();
		return rules.with(this.warmUps.current(sessionId, day(rules, now), rules.zone(), now));
	}

	/**
	 * A campaign of the session is launched: a WAHA number (live data) starts its warm-up
	 * the first time, unless its settings turn warm-up off. The sandbox and Cloud API
	 * numbers do not warm up (Meta ramps Cloud numbers itself).
	 */
	public void launched(TenantScope scope, long sessionId, String provider) {
		if (!"waha".equals(provider)) {
			return;
		}
		Effective rules = this.settings.effective(scope, sessionId, null);
		if (rules.warmUpOn()) {
			Instant now = this.clock.instant();
			this.warmUps.start(scope, sessionId, day(rules, now), now);
		}
	}

	/** When the recipient's window opens; null if it is open at {@code now}. */
	public Instant opensAt(Effective rules, String phone, Instant now) {
		return (rules.window() == null) ? null : rules.window().opensAt(this.zones.of(phone, rules.zone()), now);
	}

	/**
	 * Reserves up to {@code want} messages of the session's cap for the day of
	 * {@code now}: all of them when it has no cap.
	 */
	public int reserve(long sessionId, Effective rules, int want, Instant now) {
		return (rules.dayLimit() == null || want <= 0) ? want
				: this.caps.reserve(sessionId, day(rules, now), want, rules.dayLimit());
	}

	/** Gives back what {@link #reserve} granted and was not handed over. */
	public void release(long sessionId, Effective rules, int count, Instant now) {
		if (rules.dayLimit() != null) {
			this.caps.release(sessionId, day(rules, now), count);
		}
	}

	/** Whether the session reached its cap for the day of {@code now}. */
	public boolean capReached(long sessionId, Effective rules, Instant now) {
		return rules.dayLimit() != null && this.caps.used(sessionId, day(rules, now)) >= rules.dayLimit();
	}

	/** How many the session was handed on the day of {@code now}. */
	public long usedToday(long sessionId, Effective rules, Instant now) {
		return this.caps.used(sessionId, day(rules, now));
	}

	/**
	 * Which of these recipients (E.164) may be handed a message of the campaign under the
	 * tenant's frequency cap (all of them without one); those admitted are recorded.
	 */
	public Map<String, Boolean> admit(TenantScope scope, long campaignId, List<String> phones, Effective rules,
			Instant now) {
		if (rules.frequencyCap() == null || phones.isEmpty()) {
			Map<String, Boolean> all = new java.util.LinkedHashMap<>();
			phones.forEach((phone) -> all.put(phone, true));
			return all;
		}
		return this.history.admit(scope, campaignId, phones, rules.frequencyCap(), now);
	}

	/**
	 * How many of these recipients the tenant's frequency cap would skip now (0 without
	 * one).
	 */
	public long atFrequencyCap(TenantScope scope, List<String> phones) {
		FrequencyCap cap = this.settings.frequencyCap(scope);
		return (cap == null || phones.isEmpty()) ? 0 : this.history.atCap(scope, phones, cap, this.clock.instant());
	}

	/** Whether the tenant has a frequency cap. */
	public boolean hasFrequencyCap(TenantScope scope) {
		return this.settings.frequencyCap(scope) != null;
	}

	/**
	 * Meta's messaging limit of the scope's session's number, as its events told it; null
	 * when it has none (not a Cloud number, unlimited, or not known yet).
	 */
	public Effective.MetaLimit metaLimit(TenantScope scope, long sessionId) {
		SessionNumbers.SessionNumber number = this.numbers.find(scope, sessionId).orElse(null);
		Integer limit = (number != null) ? number.messagingLimit() : null;
		return (limit == null) ? null : new Effective.MetaLimit(number.messagingLimitTier(), limit, number.limitKey());
	}

	/**
	 * Which of these recipients (E.164) fit in the number's messaging limit now (all
	 * without one); those new to the count are counted. Null when the count is being
	 * taken by another replica at this instant: ask again shortly.
	 */
	public java.util.Set<String> fitLimit(Effective rules, List<String> phones, Instant now) {
		if (rules.metaLimit() == null) {
			return new java.util.HashSet<>(phones);
		}
		return this.limits.admit(rules.metaLimit().key(), phones, rules.metaLimit().limit(), now);
	}

	/** The distinct recipients counted against the number's limit in the last 24 h. */
	public long limitUsed(Effective.MetaLimit limit, Instant now) {
		return this.limits.used(limit.key(), now);
	}

	/** When the number's count next has room (its oldest recipient leaves it). */
	public Instant limitRoomAt(Effective.MetaLimit limit, Instant now) {
		return this.limits.nextRoom(limit.key(), now);
	}

	/** How many of these recipients are in the number's count already (free). */
	public long limitCounted(Effective.MetaLimit limit, List<String> phones, Instant now) {
		return phones.isEmpty() ? 0 : this.limits.counted(limit.key(), phones, now).size();
	}

	/** When the next day of the cap begins. */
	public Instant nextDay(Effective rules, Instant now) {
		return day(rules, now).plusDays(1).atStartOfDay(rules.zone()).toInstant();
	}

	private static LocalDate day(Effective rules, Instant now) {
		return now.atZone(rules.zone()).toLocalDate();
	}

}
