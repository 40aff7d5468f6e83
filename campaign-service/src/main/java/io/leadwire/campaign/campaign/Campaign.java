package io.leadwire.campaign.campaign;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

import io.leadwire.common.context.Environment;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.event.EventEnvelope;

/**
 * A WhatsApp campaign of one tenant (docs/api.md §6): who gets it
 * ({@code recipientSource} with {@code customRecipients} or {@code filter}), what
 * ({@code messageContent}), from which session, how fast ({@code strategy},
 * {@code ratePerMinute}, {@code antiBanEnabled}) and when ({@code scheduledAt}).
 * {@code version} rises with every write (ETag, If-Match). {@code sessionRatePerMinute}
 * is the session's rate when the campaign was launched; {@code sendingWindow}, when set,
 * replaces the session's and tenant's (docs/deliverability.md).
 * <p>
 * The aggregate of the campaign domain: every change of its status is made by one of its
 * methods ({@link #launch}, {@link #failToStart}, {@link #edit}, {@link #pause},
 * {@link #autoPause}, {@link #resume}, {@link #cancel}, {@link #complete}), which checks
 * the move is allowed and returns it as a {@link Transition} with the events it
 * publishes; {@link CampaignStore#apply} writes it only if the campaign is still at the
 * version and in a status it was decided from, the events in the same write (outbox).
 */
@Document("campaigns")
@CompoundIndexes({ @CompoundIndex(name = "scope_id", def = "{'tenantId': 1, 'environment': 1, '_id': -1}"),
		@CompoundIndex(name = "due", def = "{'status': 1, 'scheduledAt': 1}"),
		@CompoundIndex(name = "session_status", def = "{'gatewaySessionId': 1, 'status': 1}") })
record Campaign(@Id long id, long tenantId, Environment environment, String name, String description,
		String gatewayType, long gatewaySessionId, RecipientSource recipientSource, List<String> customRecipients,
		RecipientFilter filter, MessageContent messageContent, Strategy strategy, int ratePerMinute,
		boolean antiBanEnabled, Instant scheduledAt, CampaignStatus status, String pauseReason, long version,
		Instant createdAt, Instant updatedAt, Instant launchedAt, Instant finishedAt, boolean frozen, Audience audience,
		Integer sessionRatePerMinute, io.leadwire.campaign.delivery.SendingWindow sendingWindow) {

	private static final List<CampaignStatus> EDITABLE = List.of(CampaignStatus.DRAFT, CampaignStatus.SCHEDULED);

	private static final List<CampaignStatus> CANCELLABLE = List.of(CampaignStatus.DRAFT, CampaignStatus.SCHEDULED,
			CampaignStatus.RUNNING, CampaignStatus.PAUSED);

	TenantScope scope() {
		return new TenantScope(this.tenantId, this.environment);
	}

	/** Whether it was launched and not finished: messaging holds some of its messages. */
	boolean launched() {
		return this.status == CampaignStatus.RUNNING || this.status == CampaignStatus.PAUSED;
	}

	/**
	 * Starts sending (a draft or scheduled campaign; 409 otherwise) at a session of
	 * {@code sessionRate} per minute.
	 */
	Transition launch(int sessionRate, Instant now) {
		require(EDITABLE, "launched");
		return new Transition(EDITABLE, CampaignStatus.RUNNING).set("launchedAt", now)
			.set("sessionRatePerMinute", sessionRate);
	}

	/** A scheduled campaign whose time came could not start: it fails with the reason. */
	Transition failToStart(String reason, Instant now) {
		require(List.of(CampaignStatus.SCHEDULED), "started");
		return new Transition(List.of(CampaignStatus.SCHEDULED), CampaignStatus.FAILED).set("pauseReason", reason)
			.set("finishedAt", now);
	}

	/**
	 * Changes what a draft or scheduled campaign sends (409 otherwise); a schedule makes
	 * it scheduled, none a draft.
	 */
	Transition edit(CampaignRules.Fields fields) {
		require(EDITABLE, "edited");
		return new Transition(EDITABLE,
				(fields.scheduledAt() != null) ? CampaignStatus.SCHEDULED : CampaignStatus.DRAFT)
			.set("name", fields.name())
			.set("description", fields.description())
			.set("gatewayType", fields.gatewayType())
			.set("gatewaySessionId", fields.gatewaySessionId())
			.set("recipientSource", fields.recipientSource())
			.set("customRecipients", fields.customRecipients())
			.set("filter", fields.filter())
			.set("messageContent", fields.messageContent())
			.set("strategy", fields.strategy())
			.set("ratePerMinute", fields.ratePerMinute())
			.set("antiBanEnabled", fields.antiBanEnabled())
			.set("scheduledAt", fields.scheduledAt())
			.set("sendingWindow", fields.sendingWindow());
	}

	/**
	 * The user pauses a running campaign (409 otherwise); messaging holds its messages.
	 */
	Transition pause() {
		require(List.of(CampaignStatus.RUNNING), "paused");
		return control(new Transition(List.of(CampaignStatus.RUNNING), CampaignStatus.PAUSED).set("pauseReason",
				"paused by the user"));
	}

	/**
	 * Going on would get the number banned: a running campaign pauses by itself with the
	 * reason and publishes {@code CampaignAutoPaused}; null if it does not run.
	 */
	Transition autoPause(String reason, Instant now) {
		if (this.status != CampaignStatus.RUNNING) {
			return null;
		}
		Transition pause = new Transition(List.of(CampaignStatus.RUNNING), CampaignStatus.PAUSED)
			.set("pauseReason", "auto-paused: " + reason)
			.set("failureStreak", 0)
			.publish(new Event("campaign.events", Long.toString(this.id),
					EventEnvelope.of("CampaignAutoPaused", this.tenantId, this.environment, null,
							new AutoPaused(this.id, this.gatewaySessionId, reason, now))));
		return control(pause);
	}

	/** The user resumes a paused campaign (409 otherwise) where it stopped. */
	Transition resume() {
		require(List.of(CampaignStatus.PAUSED), "resumed");
		return control(new Transition(List.of(CampaignStatus.PAUSED), CampaignStatus.RUNNING).unset("pauseReason"));
	}

	/**
	 * Cancels a campaign that has not finished (409 otherwise); messaging drops the
	 * messages of a launched one it still holds.
	 */
	Transition cancel(Instant now) {
		require(CANCELLABLE, "cancelled");
		Transition cancel = new Transition(CANCELLABLE, CampaignStatus.CANCELLED).set("finishedAt", now);
		return launched() ? control(cancel) : cancel;
	}

	/** A running campaign none of whose recipients is pending or in flight is done. */
	Transition complete(Instant now) {
		return new Transition(List.of(CampaignStatus.RUNNING), CampaignStatus.COMPLETED).set("finishedAt", now);
	}

	/** A launched campaign's move also goes to messaging, naming the version it makes. */
	private Transition control(Transition transition) {
		return transition.publish(CampaignEvents.control(this, transition.to(), this.version + 1));
	}

	private void require(List<CampaignStatus> from, String action) {
		if (!from.contains(this.status)) {
			throw Campaigns.invalidState(this, action);
		}
	}

	/**
	 * A change of status decided from this campaign: allowed from {@code from}, to
	 * {@code to}, with the fields it sets or removes and the events it publishes.
	 */
	record Transition(List<CampaignStatus> from, CampaignStatus to, Map<String, Object> sets, List<String> unsets,
			List<Event> events) {

		Transition(List<CampaignStatus> from, CampaignStatus to) {
			this(from, to, new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>());
		}

		Transition set(String field, Object value) {
			this.sets.put(field, value);
			return this;
		}

		Transition unset(String field) {
			this.unsets.add(field);
			return this;
		}

		Transition publish(Event event) {
			this.events.add(event);
			return this;
		}

	}

	/** An event a transition publishes on {@code topic} with {@code key}. */
	record Event(String topic, String key, EventEnvelope<?> envelope) {
	}

	/** {@code CampaignAutoPaused}'s payload. */
	record AutoPaused(long campaignId, long sessionId, String reason, Instant at) {
	}

	/**
	 * Which contacts a {@code groups} campaign reaches; lead filters for {@code leads}.
	 */
	record RecipientFilter(List<Long> groupIds, List<Long> contactIds, List<String> leadStatus) {
	}

	/**
	 * Who a launched campaign reached when its recipients were frozen: {@code recipients}
	 * to send to (opted-out ones apart), and those left out.
	 */
	record Audience(long recipients, long optedOut, long duplicates, long invalid) {
	}

}
