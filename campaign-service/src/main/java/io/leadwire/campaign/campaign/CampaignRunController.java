package io.leadwire.campaign.campaign;

import java.time.Instant;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.campaign.recipients.CampaignRecipient;
import io.leadwire.campaign.recipients.RecipientState;
import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.PageRequest;
import io.leadwire.common.api.Pagination;
import io.leadwire.common.context.TenantScope;

/**
 * A campaign's run: {@code POST …/launch|pause|resume|cancel} (409 {@code invalid_state}
 * for a move its status does not allow), {@code GET …/analytics?period=all|24h|7d} and
 * {@code GET …/recipients?status&limit&cursor}.
 */
@RestController
@RequestMapping("/v1/campaigns/{id:\\d+}")
class CampaignRunController {

	private final Campaigns campaigns;

	private final CampaignRuns runs;

	private final CampaignReports reports;

	CampaignRunController(Campaigns campaigns, CampaignRuns runs, CampaignReports reports) {
		this.campaigns = campaigns;
		this.runs = runs;
		this.reports = reports;
	}

	@PostMapping("/launch")
	ApiResponse<CampaignView> launch(@PathVariable long id, TenantScope scope) {
		return ApiResponse.ok(CampaignView.of(this.runs.launch(scope, id)));
	}

	@PostMapping("/pause")
	ApiResponse<CampaignView> pause(@PathVariable long id, TenantScope scope) {
		return ApiResponse.ok(CampaignView.of(this.runs.pause(scope, id)));
	}

	@PostMapping("/resume")
	ApiResponse<CampaignView> resume(@PathVariable long id, TenantScope scope) {
		return ApiResponse.ok(CampaignView.of(this.runs.resume(scope, id)));
	}

	@PostMapping("/cancel")
	ApiResponse<CampaignView> cancel(@PathVariable long id, TenantScope scope) {
		return ApiResponse.ok(CampaignView.of(this.runs.cancel(scope, id)));
	}

	@GetMapping("/analytics")
	ApiResponse<CampaignReports.Analytics> analytics(@PathVariable long id, TenantScope scope,
			@RequestParam(required = false) String period) {
		return ApiResponse.ok(this.reports.analytics(this.campaigns.get(scope, id), period));
	}

	@GetMapping("/recipients")
	ApiResponse<List<RecipientView>> recipients(@PathVariable long id, TenantScope scope,
			@RequestParam(required = false) String status, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		PageRequest paging = PageRequest.of(1, limit);
		Long after = null;
		if (cursor != null && !cursor.isBlank()) {
			try {
				after = Long.parseLong(cursor.strip());
			}
			catch (NumberFormatException ex) {
				throw ApiException.validation("cursor", "the nextCursor of the previous page");
			}
		}
		List<CampaignRecipient> page = this.reports.recipients(this.campaigns.get(scope, id), status, after,
				paging.limit());
		String next = (page.size() == paging.limit()) ? Long.toString(page.get(page.size() - 1).seq()) : null;
		return ApiResponse.page(page.stream().map(RecipientView::of).toList(),
				Pagination.of(paging, page.size(), next));
	}

	/** A frozen recipient and how far its message got. */
	record RecipientView(String phone, String name, String status, String reason, Long messageId, long seq,
			Instant sentAt, Instant deliveredAt, Instant readAt, Instant failedAt, String error) {

		static RecipientView of(CampaignRecipient r) {
			String status = r.state().wireName();
			if (r.state() == RecipientState.SENT && r.statusRank() != null) {
				status = switch (r.statusRank()) {
					case 2 -> "delivered";
					case 3 -> "read";
					default -> "sent";
				};
			}
			return new RecipientView(r.phone(), r.name(), status, r.reason(), r.messageId(), r.seq(), r.sentAt(),
					r.deliveredAt(), r.readAt(), r.failedAt(), r.error());
		}

	}

}
