package io.leadwire.campaign.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

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

	private final Clock clock;

	Delivery(DeliverySettingsStore settings, RecipientZones zones, DailyCaps caps, Clock clock) {
		this.settings = settings;
		this.zones = zones;
		this.caps = caps;
		this.clock = clock;
	}

	public Clock clock() {
		return this.clock;
	}

	/** The rules for a campaign of the session, with the campaign's own window if any. */
	public DeliverySettingsStore.Effective rules(TenantScope scope, long sessionId, SendingWindow campaignWindow) {
		return this.settings.effective(scope, sessionId, campaignWindow);
	}

	/** When the recipient's window opens; null if it is open at {@code now}. */
	public Instant opensAt(DeliverySettingsStore.Effective rules, String phone, Instant now) {
		return (rules.window() == null) ? null : rules.window().opensAt(this.zones.of(phone, rules.zone()), now);
	}

	/**
	 * Reserves up to {@code want} messages of the session's cap for the day of
	 * {@code now}: all of them when it has no cap.
	 */
	public int reserve(long sessionId, DeliverySettingsStore.Effective rules, int want, Instant now) {
		return (rules.dailyCap() == null || want <= 0) ? want
				: this.caps.reserve(sessionId, day(rules, now), want, rules.dailyCap());
	}

	/** Gives back what {@link #reserve} granted and was not handed over. */
	public void release(long sessionId, DeliverySettingsStore.Effective rules, int count, Instant now) {
		if (rules.dailyCap() != null) {
			this.caps.release(sessionId, day(rules, now), count);
		}
	}

	/** Whether the session reached its cap for the day of {@code now}. */
	public boolean capReached(long sessionId, DeliverySettingsStore.Effective rules, Instant now) {
		return rules.dailyCap() != null && this.caps.used(sessionId, day(rules, now)) >= rules.dailyCap();
	}

	/** How many the session was handed on the day of {@code now}. */
	public long usedToday(long sessionId, DeliverySettingsStore.Effective rules, Instant now) {
		return this.caps.used(sessionId, day(rules, now));
	}

	/** When the next day of the cap begins. */
	public Instant nextDay(DeliverySettingsStore.Effective rules, Instant now) {
		return day(rules, now).plusDays(1).atStartOfDay(rules.zone()).toInstant();
	}

	private static LocalDate day(DeliverySettingsStore.Effective rules, Instant now) {
		return now.atZone(rules.zone()).toLocalDate();
	}

}
