package io.leadwire.campaign.campaign;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.campaign.recipients.ContactsRecipients;
import io.leadwire.campaign.recipients.LeadsRecipients;
import io.leadwire.campaign.recipients.Personalisation;
import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.ETags;
import io.leadwire.common.api.PageRequest;
import io.leadwire.common.api.Pagination;
import io.leadwire.common.context.TenantScope;

/**
 * Campaigns (docs/api.md §6): CRUD (and the older clients' {@code POST …/{id}} with
 * {@code _method: PUT}), the strategies, and a preview of a recipient selection.
 */
@RestController
@RequestMapping("/v1/campaigns")
class CampaignController {

	private final Campaigns campaigns;

	private final ContactsRecipients recipients;

	private final LeadsRecipients leads;

	private final Waits waits;

	private final io.leadwire.campaign.delivery.Delivery delivery;

	private final io.leadwire.campaign.session.MessagingTemplates templates;

	CampaignController(Campaigns campaigns, ContactsRecipients recipients, LeadsRecipients leads, Waits waits,
			io.leadwire.campaign.delivery.Delivery delivery,
			io.leadwire.campaign.session.MessagingTemplates templates) {
		this.templates = templates;
		this.campaigns = campaigns;
		this.delivery = delivery;
		this.waits = waits;
		this.recipients = recipients;
		this.leads = leads;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED) // the status the reference documents
	ResponseEntity<ApiResponse<CampaignView>> create(@RequestBody CampaignRequest body, TenantScope scope) {
		return withETag(HttpStatus.CREATED, this.campaigns.create(scope, body));
	}

	@GetMapping
	ApiResponse<List<CampaignView>> list(TenantScope scope, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String status) {
		PageRequest paging = PageRequest.of(page, limit);
		CampaignStatus filter = null;
		if (status != null && !status.isBlank()) {
			try {
				filter = CampaignStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw ApiException.validation("status",
						"one of draft, scheduled, running, paused, completed, cancelled, failed");
			}
		}
		return ApiResponse.page(this.campaigns.page(scope, filter, paging).stream().map(CampaignView::of).toList(),
				Pagination.of(paging, this.campaigns.count(scope, filter), null));
	}

	@GetMapping("/{id:\\d+}")
	ResponseEntity<ApiResponse<CampaignView>> get(@PathVariable long id, TenantScope scope) {
		Campaign campaign = this.campaigns.get(scope, id);
		return ResponseEntity.status(HttpStatus.OK)
			.eTag(ETags.of(campaign.version()))
			.body(ApiResponse.of(HttpStatus.OK.value(),
					CampaignView.of(campaign, this.campaigns.remaining(campaign), this.waits.of(campaign))));
	}

	@PutMapping("/{id:\\d+}")
	ResponseEntity<ApiResponse<CampaignView>> put(@PathVariable long id, @RequestBody CampaignRequest body,
			TenantScope scope, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		return withETag(HttpStatus.OK, this.campaigns.update(scope, id, body, ETags.expected(ifMatch)));
	}

	/** Older clients send updates as POST with {@code "_method": "PUT"}. */
	@PostMapping("/{id:\\d+}")
	ResponseEntity<ApiResponse<CampaignView>> postUpdate(@PathVariable long id, @RequestBody CampaignRequest body,
			TenantScope scope, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		String verb = (body.method() != null) ? body.method().toUpperCase(Locale.ROOT) : "";
		if (!verb.equals("PUT") && !verb.equals("PATCH")) {
			throw new ApiException(405, "method_not_allowed", "POST to a campaign needs \"_method\": \"PUT\"");
		}
		return withETag(HttpStatus.OK, this.campaigns.update(scope, id, body, ETags.expected(ifMatch)));
	}

	@DeleteMapping("/{id:\\d+}")
	ApiResponse<Void> delete(@PathVariable long id, TenantScope scope,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		this.campaigns.delete(scope, id, ETags.expected(ifMatch));
		return ApiResponse.ok(null);
	}

	/**
	 * The strategies and the message types campaigns send (the legacy example's shape).
	 */
	@GetMapping("/strategies")
	ApiResponse<Map<String, Object>> strategies() {
		return ApiResponse.ok(Map.of("strategies",
				java.util.Arrays.stream(Strategy.values())
					.map((s) -> Map.of("id", s.wireName(), "name", s.title(), "description", s.description()))
					.toList(),
				"message_types", MessageContent.TYPES));
	}

	/**
	 * What a launch would send to: {@code source} ({@code groups} with
	 * {@code filter.group_ids}, {@code leads}, or {@code manual}/{@code csv} with
	 * {@code custom_recipients}) answers {@code total}, {@code optedOut},
	 * {@code duplicates}, {@code invalid} and {@code sendable} (total − optedOut −
	 * duplicates; opt-outs and duplicates compared in E.164). With
	 * {@code message_content}, {@code samples} shows the message as the first sendable
	 * recipients would read it, {@code {{name}}} and the other variables filled in (the
	 * campaign's create and edit refuse, 422, a variable that neither a recipient field
	 * nor a fallback fills).
	 */
	@PostMapping("/preview-recipients")
	ApiResponse<RecipientPreview> preview(@RequestBody CampaignRequest.Preview body, TenantScope scope) {
		RecipientSource source = (body.recipientSource() != null) ? body.recipientSource()
				: (body.source() != null) ? parse(body.source()) : null;
		if (source == null) {
			throw ApiException.validation("source", "is required: one of csv, groups, manual, leads");
		}
		CampaignRequest.FilterRequest filter = body.filter();
		ContactsRecipients.Selection selection = switch (source) {
			case CSV, MANUAL -> {
				if (body.customRecipients() == null || body.customRecipients().isEmpty()
						|| body.customRecipients().size() > CampaignRules.MAX_PHONES) {
					throw ApiException.validation("customRecipients", "1 to " + CampaignRules.MAX_PHONES + " numbers");
				}
				yield ContactsRecipients.Selection.of(null, null, body.customRecipients());
			}
			case GROUPS -> {
				if (filter == null || ((filter.groupIds() == null || filter.groupIds().isEmpty())
						&& (filter.contactIds() == null || filter.contactIds().isEmpty()))) {
					throw ApiException.validation("filter.groupIds", "at least one group");
				}
				yield ContactsRecipients.Selection.of(filter.groupIds(), filter.contactIds(), null);
			}
			case LEADS -> null;
		};
		ContactsRecipients.Counts counts = (selection != null)
				? Campaigns.call("filter.groupIds", () -> this.recipients.count(selection)).data() : leadCounts(filter);
		io.leadwire.campaign.delivery.Effective.MetaLimit limit = (body.sessionId() != null)
				? this.delivery.metaLimit(scope, body.sessionId()) : null;
		long[] screened = (selection != null) ? screen(scope, selection, limit) : new long[2];
		long capped = screened[0];
		long sendable = counts.sendable() - capped;
		MessagingLimitFit fit = null;
		if (limit != null) {
			java.time.Instant now = this.delivery.clock().instant();
			long used = this.delivery.limitUsed(limit, now);
			long remaining = Math.max(0, limit.limit() - used);
			long fits = Math.min(sendable, screened[1] + remaining);
			fit = new MessagingLimitFit(limit.tier(), limit.limit(), used, remaining, fits, sendable - fits);
		}
		return ApiResponse.ok(new RecipientPreview(counts.total(), counts.optedOut(), counts.duplicates(), sendable,
				counts.invalid(), capped, fit, samples(body.messageContent(), selection, body.sessionId())));
	}

	/**
	 * How many of the selection's sendable recipients the tenant's frequency cap would
	 * skip if they were sent now (0 without a cap), and how many are in the number's
	 * messaging-limit count already (with {@code limit}): the selection is resolved a
	 * page at a time (at most {@value CampaignRules#MAX_PHONES} numbers for a list, as a
	 * launch does).
	 */
	private long[] screen(TenantScope scope, ContactsRecipients.Selection selection,
			io.leadwire.campaign.delivery.Effective.MetaLimit limit) {
		boolean frequencyCap = this.delivery.hasFrequencyCap(scope);
		long[] screened = new long[2];
		if (!frequencyCap && limit == null) {
			return screened;
		}
		java.time.Instant now = this.delivery.clock().instant();
		String cursor = null;
		do {
			ContactsRecipients.Selection page = new ContactsRecipients.Selection(selection.groupIds(),
					selection.contactIds(), selection.phones(), null, cursor, PREVIEW_PAGE);
			ContactsRecipients.Page resolved = Campaigns.call("filter.groupIds", () -> this.recipients.resolve(page))
				.data();
			List<String> phones = resolved.recipients()
				.stream()
				.filter((r) -> r.phone() != null && !r.optedOut() && !r.duplicate() && r.error() == null)
				.map(ContactsRecipients.Recipient::phone)
				.toList();
			if (frequencyCap) {
				screened[0] += this.delivery.atFrequencyCap(scope, phones);
			}
			if (limit != null) {
				screened[1] += this.delivery.limitCounted(limit, phones, now);
			}
			cursor = resolved.nextCursor();
		}
		while (cursor != null);
		return screened;
	}

	private static final int PREVIEW_PAGE = 1_000;

	/** Recipients a preview renders the message for. */
	static final int SAMPLES = 3;

	/**
	 * The message as the first sendable recipients of the selection would read it, with
	 * the fallbacks given (empty without a text, or for leads).
	 */
	private List<Sample> samples(CampaignRequest.ContentRequest content, ContactsRecipients.Selection selection,
			Long sessionId) {
		String text = (content == null) ? null : (content.text() != null) ? content.text() : content.message();
		if (content != null && "template".equals(content.type()) && content.templateId() != null) {
			// A message template renders its body, as Meta fills it for each recipient.
			text = Campaigns
				.call("messageContent.templateId", () -> this.templates.get(content.templateId(), sessionId))
				.data()
				.body();
		}
		if (text == null || selection == null) {
			return List.of();
		}
		ContactsRecipients.Selection first = new ContactsRecipients.Selection(selection.groupIds(),
				selection.contactIds(), selection.phones(), null, null, 20);
		ContactsRecipients.Page page = Campaigns.call("filter.groupIds", () -> this.recipients.resolve(first)).data();
		String message = text;
		return page.recipients()
			.stream()
			.filter((r) -> r.phone() != null && !r.optedOut() && !r.duplicate())
			.limit(SAMPLES)
			.map((r) -> new Sample(r.phone(), r.name(),
					Personalisation.fill(message, r.name(), r.phone(), r.customFields(), content.variables())))
			.toList();
	}

	/**
	 * A lead selection counted a page of leads at a time, their numbers through
	 * contacts-service (duplicates are found within a page of 1,000; the launch also
	 * drops those across pages).
	 */
	private ContactsRecipients.Counts leadCounts(CampaignRequest.FilterRequest filter) {
		if (filter == null || filter.leadStatus() == null || filter.leadStatus().isEmpty()
				|| !CampaignRules.LEAD_STATUSES.containsAll(filter.leadStatus())) {
			throw ApiException.validation("filter.leadStatus",
					"one or more of " + String.join(", ", CampaignRules.LEAD_STATUSES));
		}
		long total = 0;
		long optedOut = 0;
		long duplicates = 0;
		long invalid = 0;
		Long after = null;
		do {
			Long from = after;
			LeadsRecipients.Page page = Campaigns
				.call("filter.leadStatus",
						() -> this.leads.leads(new LeadsRecipients.Selection(filter.leadStatus(), from, 1000)))
				.data();
			if (!page.leads().isEmpty()) {
				List<String> phones = page.leads().stream().map(LeadsRecipients.Lead::phone).toList();
				ContactsRecipients.Counts counts = Campaigns
					.call("filter.leadStatus",
							() -> this.recipients.count(ContactsRecipients.Selection.of(null, null, phones)))
					.data();
				total += counts.total();
				optedOut += counts.optedOut();
				duplicates += counts.duplicates();
				invalid += counts.invalid();
			}
			after = page.nextAfterId();
		}
		while (after != null);
		return new ContactsRecipients.Counts(total, optedOut, duplicates, invalid, total - optedOut - duplicates);
	}

	private static RecipientSource parse(String source) {
		try {
			return RecipientSource.parse(source);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.validation("source", ex.getMessage());
		}
	}

	private static ResponseEntity<ApiResponse<CampaignView>> withETag(HttpStatus status, Campaign campaign) {
		return ResponseEntity.status(status)
			.eTag(ETags.of(campaign.version()))
			.body(ApiResponse.of(status.value(), CampaignView.of(campaign)));
	}

	/**
	 * docs/api.md §6: {@code sendable = total − optedOut − duplicates}; invalid numbers
	 * apart.
	 */
	record RecipientPreview(long total, long optedOut, long duplicates, long sendable, long invalid,
			long frequencyCapped, MessagingLimitFit messagingLimit, List<Sample> samples) {
	}

	/**
	 * With {@code session_id} of a Cloud number whose messaging limit is known: its tier
	 * and limit, the distinct recipients its account was handed in the last 24 h, the
	 * room left, how many of the sendable recipients fit now ({@code fitToday}: those in
	 * the count already, and new ones up to the room) and how many would wait for room
	 * ({@code waiting}).
	 */
	record MessagingLimitFit(String tier, int limit, long usedLast24h, long remaining, long fitToday, long waiting) {
	}

	/** The message as one recipient would read it. */
	record Sample(String phone, String name, String text) {
	}

}
