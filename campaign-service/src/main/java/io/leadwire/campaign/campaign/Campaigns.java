package io.leadwire.campaign.campaign;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import feign.FeignException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

import org.springframework.stereotype.Service;

import io.leadwire.campaign.recipients.ContactsRecipients;
import io.leadwire.campaign.recipients.LeadsRecipients;
import io.leadwire.campaign.recipients.Personalisation;
import io.leadwire.campaign.recipients.RecipientStore;
import io.leadwire.campaign.session.MessagingSessions;
import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.api.ETags;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.id.IdAllocator;

/**
 * Campaign CRUD and lifecycle rules (docs/api.md §6). A campaign's session and groups are
 * checked when they are set, with the caller's context: another tenant's session or group
 * is a 404 naming the field, as if it did not exist.
 */
@Service
class Campaigns {

	private final CampaignStore store;

	private final IdAllocator ids;

	private final MessagingSessions sessions;

	private final io.leadwire.campaign.session.MessagingTemplates templates;

	private final ContactsRecipients recipients;

	private final RecipientStore frozen;

	private final LeadsRecipients leads;

	Campaigns(CampaignStore store, IdAllocator ids, MessagingSessions sessions, ContactsRecipients recipients,
			RecipientStore frozen, LeadsRecipients leads, io.leadwire.campaign.session.MessagingTemplates templates) {
		this.templates = templates;
		this.frozen = frozen;
		this.leads = leads;
		this.store = store;
		this.ids = ids;
		this.sessions = sessions;
		this.recipients = recipients;
	}

	Campaign create(TenantScope scope, CampaignRequest body) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		References references = checkReferences(CampaignRules.create(body, now), null);
		CampaignRules.Fields fields = references.fields();
		Integer sessionRate = references.sessionRate();
		return this.store.insert(new Campaign(this.ids.next(), scope.tenantId(), scope.environment(), fields.name(),
				fields.description(), fields.gatewayType(), fields.gatewaySessionId(), fields.recipientSource(),
				fields.customRecipients(), fields.filter(), fields.messageContent(), fields.strategy(),
				fields.ratePerMinute(), fields.antiBanEnabled(), fields.scheduledAt(), statusFor(fields), null, 1, now,
				now, null, null, false, null, sessionRate, fields.sendingWindow()));
	}

	Campaign get(TenantScope scope, long id) {
		return this.store.find(scope, id).orElseThrow(Campaigns::notFound);
	}

	/**
	 * Changes what {@code body} sends, if the campaign is a draft or scheduled (else 409
	 * {@code invalid_state}) and, with {@code If-Match}, still at that version (else
	 * 412).
	 */
	Campaign update(TenantScope scope, long id, CampaignRequest body, Long expectedVersion) {
		Campaign current = get(scope, id);
		if (expectedVersion != null && expectedVersion != current.version()) {
			throw ETags.stale();
		}
		if (!current.status().editable()) {
			throw invalidState(current, "edited");
		}
		References references = checkReferences(
				CampaignRules.update(CampaignRules.Fields.of(current), body, Instant.now()), current);
		CampaignRules.Fields fields = references.fields();
		Integer sessionRate = references.sessionRate();
		Campaign changed = this.store.apply(current, current.edit(fields).set("sessionRatePerMinute", sessionRate));
		if (changed == null) {
			// Another write came first: its status or version decides.
			Campaign now = get(scope, id);
			throw now.status().editable() ? ETags.stale() : invalidState(now, "edited");
		}
		return changed;
	}

	void delete(TenantScope scope, long id, Long expectedVersion) {
		Campaign current = get(scope, id);
		if (expectedVersion != null && expectedVersion != current.version()) {
			throw ETags.stale();
		}
		if (!current.status().deletable()) {
			throw invalidState(current, "deleted (cancel it first)");
		}
		List<CampaignStatus> deletable = java.util.Arrays.stream(CampaignStatus.values())
			.filter(CampaignStatus::deletable)
			.toList();
		if (!this.store.delete(scope, id, current.version(), deletable)) {
			throw ETags.stale();
		}
	}

	/**
	 * How many of a launched campaign's recipients are still to be sent (pending or
	 * awaiting their outcome), for its pace; null when not known yet (not frozen).
	 */
	Long remaining(Campaign campaign) {
		if (!campaign.launched() || !campaign.frozen()) {
			return null;
		}
		return this.frozen.pending(campaign.id()) + this.frozen.inFlight(campaign.id(), Integer.MAX_VALUE);
	}

	List<Campaign> page(TenantScope scope, CampaignStatus status, io.leadwire.common.api.PageRequest page) {
		return this.store.page(scope, status, page);
	}

	long count(TenantScope scope, CampaignStatus status) {
		return this.store.count(scope, status);
	}

	private static CampaignStatus statusFor(CampaignRules.Fields fields) {
		return (fields.scheduledAt() != null) ? CampaignStatus.SCHEDULED : CampaignStatus.DRAFT;
	}

	/**
	 * The session and groups, checked when they are new: 404 naming the field. The
	 * message is checked against the session whenever either changes: a template's name,
	 * language and body are copied in (422 naming {@code messageContent.templateId} when
	 * it may not be sent on the session's number: Meta has not approved it there), and a
	 * session held to Meta's customer window (a Cloud API number) takes only an approved
	 * template (422 naming {@code messageContent.type} otherwise).
	 */
	private References checkReferences(CampaignRules.Fields fields, Campaign current) {
		Integer sessionRate = (current != null) ? current.sessionRatePerMinute() : null;
		boolean sessionChanged = current == null || current.gatewaySessionId() != fields.gatewaySessionId();
		boolean contentChanged = current == null
				|| !java.util.Objects.equals(current.messageContent(), fields.messageContent());
		MessageContent content = fields.messageContent();
		if (sessionChanged || contentChanged) {
			MessagingSessions.Session session = call("gatewaySessionId",
					() -> this.sessions.get(fields.gatewaySessionId()))
				.data();
			sessionRate = session.ratePerMinute();
			content = checkTemplate(fields, session);
		}
		Campaign.RecipientFilter filter = fields.filter();
		boolean groups = fields.recipientSource() == RecipientSource.GROUPS && filter != null
				&& filter.groupIds() != null && !filter.groupIds().isEmpty();
		if (groups && (current == null || !java.util.Objects.equals(current.filter(), filter))) {
			call("filter.groupIds",
					() -> this.recipients.count(ContactsRecipients.Selection.of(filter.groupIds(), null, null)));
		}
		CampaignRules.Fields checked = fields.with(content);
		checkVariables(checked);
		return new References(checked, sessionRate);
	}

	/** The message as the session may send it (see {@link #checkReferences}). */
	private MessageContent checkTemplate(CampaignRules.Fields fields, MessagingSessions.Session session) {
		MessageContent content = fields.messageContent();
		if (content == null) {
			return null;
		}
		if (!content.template()) {
			if (session.customerWindow()) {
				throw ApiException.validation("messageContent.type", "a campaign on a WhatsApp Cloud API number reaches"
						+ " people outside Meta's 24-hour customer window, where Meta takes only templates it approved:"
						+ " send type template with the template_id of an approved template (docs/templates.md)");
			}
			return content;
		}
		io.leadwire.campaign.session.MessagingTemplates.Template template = call("messageContent.templateId",
				() -> this.templates.get(content.templateId(), fields.gatewaySessionId()))
			.data();
		io.leadwire.campaign.session.MessagingTemplates.ForSession on = template.forSession();
		if (on != null && !on.sendable()) {
			throw ApiException.validation("messageContent.templateId",
					"the template " + template.name() + " is " + on.status() + " for this session's number: Meta"
							+ " must approve it before a campaign sends it (GET /v1/templates/{id} shows its review)");
		}
		return content.withTemplate(template.name(), template.language(), template.body());
	}

	/** The fields as checked (a template copied in) and the session's rate. */
	record References(CampaignRules.Fields fields, Integer sessionRate) {
	}

	/**
	 * The message's {@code {{variables}}} must be ones a recipient can fill, or have a
	 * fallback (docs/campaign-service.md, "Variables"): {@code phone} always is; any
	 * other (a name, a custom field) must be filled for at least one of the first
	 * {@value #SAMPLE} recipients of the selection. Else 422 naming them, so a typo such
	 * as {@code {{nmae}}} is refused rather than sent as "Hi !". Leads campaigns are
	 * checked at their sample the same way.
	 */
	private void checkVariables(CampaignRules.Fields fields) {
		MessageContent content = fields.messageContent();
		if (content == null || content.text() == null) {
			return;
		}
		java.util.Map<String, String> fallbacks = (content.variables() != null) ? content.variables()
				: java.util.Map.of();
		List<String> open = Personalisation.variables(content.text())
			.stream()
			.filter((name) -> !name.equals("phone"))
			.filter((name) -> fallbacks.get(name) == null || fallbacks.get(name).isBlank())
			.toList();
		if (open.isEmpty() || fields.recipientSource() == null) {
			return;
		}
		List<ContactsRecipients.Recipient> sample = sample(fields);
		List<String> unknown = open.stream()
			.filter((name) -> sample.stream()
				.noneMatch((r) -> Personalisation.fills(name, r.name(), r.phone(), r.customFields())))
			.toList();
		if (!unknown.isEmpty()) {
			throw ApiException.validation("messageContent.text", "no recipient has a value for "
					+ unknown.stream()
						.map((name) -> "{{" + name + "}}")
						.collect(java.util.stream.Collectors.joining(", "))
					+ ": use {{name}}, {{first_name}}, {{phone}} or a custom field your contacts have, or give a fallback"
					+ " in message_content.variables");
		}
	}

	/** Recipients a check of the message's variables looks at. */
	static final int SAMPLE = 100;

	private List<ContactsRecipients.Recipient> sample(CampaignRules.Fields fields) {
		if (fields.recipientSource() == RecipientSource.LEADS) {
			// Leads have a name and a phone, no custom fields here.
			List<String> statuses = (fields.filter() != null) ? fields.filter().leadStatus() : null;
			return call("filter.leadStatus",
					() -> this.leads.leads(new LeadsRecipients.Selection(statuses, null, SAMPLE)))
				.data()
				.leads()
				.stream()
				.map((lead) -> new ContactsRecipients.Recipient(null, lead.phone(), lead.name(), null, false, false,
						"lead", lead.phone(), null))
				.toList();
		}
		ContactsRecipients.Selection selection = fields.recipientSource().phoneList()
				? new ContactsRecipients.Selection(null, null, fields.customRecipients(), null, null, SAMPLE)
				: new ContactsRecipients.Selection((fields.filter() != null) ? fields.filter().groupIds() : null,
						(fields.filter() != null) ? fields.filter().contactIds() : null, null, null, null, SAMPLE);
		ContactsRecipients.Page page = call("filter.groupIds", () -> this.recipients.resolve(selection)).data();
		return (page.recipients() != null) ? page.recipients() : List.of();
	}

	/**
	 * A call to another service on behalf of a field: its 404 is the field's, its
	 * unavailability a 503.
	 */
	static <T> T call(String field, java.util.function.Supplier<T> call) {
		try {
			return call.get();
		}
		catch (FeignException.NotFound ex) {
			throw new ApiException(404, ErrorCodes.NOT_FOUND, "No such " + describe(field) + " in this account",
					List.of(new io.leadwire.common.api.ApiResponse.FieldError(field, "not found")));
		}
		catch (FeignException | CallNotPermittedException ex) {
			throw new ApiException(503, ErrorCodes.SERVICE_UNAVAILABLE,
					"The " + describe(field) + " cannot be checked right now; retry shortly");
		}
	}

	private static String describe(String field) {
		return switch (field) {
			case "gatewaySessionId" -> "WhatsApp session";
			case "messageContent.templateId" -> "message template";
			default -> "group";
		};
	}

	static ApiException notFound() {
		return new ApiException(404, ErrorCodes.NOT_FOUND, "Campaign not found");
	}

	static ApiException invalidState(Campaign campaign, String action) {
		return ApiException.conflict("invalid_state",
				"A " + campaign.status().wireName() + " campaign cannot be " + action);
	}

}
