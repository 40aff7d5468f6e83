package io.leadwire.console.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.leadwire.console.api.ApiException;
import io.leadwire.console.api.LeadwireApi;

/**
 * Campaigns: the list; the wizard (recipients with the preview's counts, the message as a
 * sample recipient reads it, strategy, rate, schedule); a campaign's page, whose progress
 * and analytics refresh themselves every 2 s while it runs, with launch, pause, resume
 * and cancel, the reason of an automatic pause, and the per-recipient table.
 */
@Controller
@Validated
class CampaignsController {

	static final int PAGE_SIZE = 25;

	/** A campaign in one of these has nothing left to change: its page stops polling. */
	static final Set<String> SETTLED = Set.of("completed", "cancelled", "failed", "draft");

	private static final Set<String> ACTIONS = Set.of("launch", "pause", "resume", "cancel");

	private final LeadwireApi api;

	CampaignsController(LeadwireApi api) {
		this.api = api;
	}

	@GetMapping("/campaigns")
	String list(@RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page, Model model) {
		LeadwireApi.Envelope campaigns = this.api.get("/v1/campaigns", Map.of("page", page, "limit", PAGE_SIZE));
		model.addAttribute("campaigns", campaigns.data());
		model.addAttribute("pagination", campaigns.pagination());
		return "campaigns";
	}

	@GetMapping("/campaigns/new")
	String wizard(Model model) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", CampaignForm.empty());
		}
		model.addAttribute("sessions", this.api.get("/v1/sessions", Map.of("limit", 100)).data());
		model.addAttribute("groups", this.api.get("/v1/contacts/groups", Map.of("limit", 100)).data());
		model.addAttribute("templates", this.api.get("/v1/templates", Map.of("limit", 100)).data());
		model.addAttribute("leadStatuses", CampaignForm.LEAD_STATUSES);
		return "campaign-new";
	}

	/**
	 * The wizard's preview: who it reaches, and the message as the first of them reads
	 * it.
	 */
	@PostMapping("/campaigns/preview")
	String preview(@ModelAttribute("form") CampaignForm form, Model model) {
		try {
			model.addAttribute("preview", this.api.post("/v1/campaigns/preview-recipients", form.previewBody()).data());
		}
		catch (ApiException ex) {
			model.addAttribute("previewError", ex.fields().isEmpty() ? ex.getMessage()
					: ex.fields().get(0).field() + ": " + ex.fields().get(0).message());
		}
		return "campaign-new :: preview";
	}

	@PostMapping("/campaigns")
	String create(@Valid @ModelAttribute("form") CampaignForm form, BindingResult binding, Model model) {
		if (!binding.hasErrors()) {
			try {
				String id = this.api.post("/v1/campaigns", form.body()).data().path("id").asString();
				return "redirect:/campaigns/" + id;
			}
			catch (ApiException ex) {
				Forms.reject(binding, ex, CampaignForm.API_FIELDS);
			}
		}
		return wizard(model);
	}

	/** A draft or scheduled campaign's edit, in the wizard, made on what was read. */
	@GetMapping("/campaigns/{id}/edit")
	String edit(@PathVariable String id, Model model) {
		String campaign = Forms.pathSegment(id);
		if (!model.containsAttribute("form")) {
			LeadwireApi.Tagged read = this.api.getTagged("/v1/campaigns/" + campaign);
			model.addAttribute("form", CampaignForm.of(read.envelope().data(), read.etag()));
		}
		model.addAttribute("campaignId", campaign);
		return wizard(model);
	}

	@PostMapping("/campaigns/{id}/edit")
	String update(@PathVariable String id, @Valid @ModelAttribute("form") CampaignForm form, BindingResult binding,
			Model model, RedirectAttributes redirect) {
		String campaign = Forms.pathSegment(id);
		if (!binding.hasErrors()) {
			try {
				this.api.put("/v1/campaigns/" + campaign, form.body(), form.etag());
				redirect.addFlashAttribute("notice", "Campaign saved.");
				return "redirect:/campaigns/" + campaign;
			}
			catch (ApiException ex) {
				if (ex.status() == 412) {
					binding.reject("conflict", "Someone changed this campaign after you opened it; nothing was saved. "
							+ "Open it again to see their changes.");
				}
				else {
					Forms.reject(binding, ex, CampaignForm.API_FIELDS);
				}
			}
		}
		model.addAttribute("campaignId", campaign);
		return wizard(model);
	}

	@GetMapping("/campaigns/{id}")
	String campaign(@PathVariable String id, @RequestParam(defaultValue = "") String status,
			@RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page, Model model) {
		progress(id, model);
		Map<String, Object> query = new LinkedHashMap<>();
		query.put("status", status);
		query.put("page", page);
		query.put("limit", PAGE_SIZE);
		LeadwireApi.Envelope recipients = this.api.get("/v1/campaigns/" + Forms.pathSegment(id) + "/recipients", query);
		model.addAttribute("recipients", recipients.data());
		model.addAttribute("pagination", recipients.pagination());
		model.addAttribute("status", status);
		return "campaign";
	}

	/** Status, progress and analytics alone, as the page polls them. */
	@GetMapping("/campaigns/{id}/progress")
	String progress(@PathVariable String id, Model model) {
		String campaign = Forms.pathSegment(id);
		model.addAttribute("campaign", this.api.get("/v1/campaigns/" + campaign).data());
		model.addAttribute("analytics", this.api.get("/v1/campaigns/" + campaign + "/analytics").data());
		model.addAttribute("settled", SETTLED);
		return "campaign :: progress";
	}

	@PostMapping("/campaigns/{id}/{action}")
	String act(@PathVariable String id, @PathVariable String action, RedirectAttributes redirect) {
		if (!ACTIONS.contains(action)) {
			throw new ApiException(404, "not_found", "Not found", java.util.List.of());
		}
		try {
			this.api.post("/v1/campaigns/" + Forms.pathSegment(id) + "/" + action, null);
			redirect.addFlashAttribute("notice", switch (action) {
				case "launch" -> "Campaign launched.";
				case "pause" -> "Campaign paused: nothing more is sent until you resume it.";
				case "resume" -> "Campaign resumed where it stopped.";
				default -> "Campaign cancelled.";
			});
		}
		catch (ApiException ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/campaigns/" + id;
	}

	@PostMapping("/campaigns/{id}/delete")
	String delete(@PathVariable String id, RedirectAttributes redirect) {
		this.api.delete("/v1/campaigns/" + Forms.pathSegment(id));
		redirect.addFlashAttribute("notice", "Campaign deleted.");
		return "redirect:/campaigns";
	}

}
