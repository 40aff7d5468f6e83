package io.leadwire.console.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * Leads: the filterable, paged table; a new lead; the edit (a stale one is the API's 412,
 * shown with a way to reload what is there now); delete; website verification of the
 * leads chosen (or all) with its progress.
 */
@Controller
@Validated
class LeadsController {

	static final int PAGE_SIZE = 25;

	private static final String[] FIELDS = { "name", "email", "phone", "website", "status", "score" };

	private final LeadwireApi api;

	LeadsController(LeadwireApi api) {
		this.api = api;
	}

	@ModelAttribute("statuses")
	List<String> statuses() {
		return LeadForm.STATUSES;
	}

	@GetMapping("/leads")
	String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String status,
			@RequestParam(defaultValue = "") String websiteStatus,
			@RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page, Model model) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", LeadForm.empty());
		}
		Map<String, Object> query = new LinkedHashMap<>();
		query.put("q", q);
		query.put("status", status);
		query.put("websiteStatus", websiteStatus);
		query.put("page", page);
		query.put("limit", PAGE_SIZE);
		LeadwireApi.Envelope leads = this.api.get("/v1/leads", query);
		model.addAttribute("leads", leads.data());
		model.addAttribute("pagination", leads.pagination());
		model.addAttribute("q", q);
		model.addAttribute("status", status);
		model.addAttribute("websiteStatus", websiteStatus);
		model.addAttribute("websiteStatuses", List.of("working", "not_working", "no_website", "unchecked"));
		return "leads";
	}

	@PostMapping("/leads")
	String create(@Valid @ModelAttribute("form") LeadForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		if (!binding.hasErrors()) {
			try {
				String name = this.api.post("/v1/leads", form.body(false)).data().path("name").asString("");
				redirect.addFlashAttribute("notice", "Lead " + name + " added.");
				return "redirect:/leads";
			}
			catch (ApiException ex) {
				Forms.reject(binding, ex, FIELDS);
			}
		}
		return list("", "", "", 1, model);
	}

	@GetMapping("/leads/{id}")
	String edit(@PathVariable String id, Model model) {
		LeadwireApi.Tagged lead = this.api.getTagged("/v1/leads/" + Forms.pathSegment(id));
		model.addAttribute("lead", lead.envelope().data());
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", LeadForm.of(lead.envelope().data(), lead.etag()));
		}
		return "lead";
	}

	@PostMapping("/leads/{id}")
	String update(@PathVariable String id, @Valid @ModelAttribute("form") LeadForm form, BindingResult binding,
			Model model, RedirectAttributes redirect) {
		String lead = Forms.pathSegment(id);
		if (!binding.hasErrors()) {
			try {
				this.api.put("/v1/leads/" + lead, form.body(true), form.etag());
				redirect.addFlashAttribute("notice", "Lead saved.");
				return "redirect:/leads/" + lead;
			}
			catch (ApiException ex) {
				if (ex.status() == 412) {
					// Someone changed it since it was read: say so, keep what was typed,
					// and offer what is there now.
					model.addAttribute("conflict", true);
					model.addAttribute("lead", this.api.get("/v1/leads/" + lead).data());
					return "lead";
				}
				Forms.reject(binding, ex, FIELDS);
			}
		}
		model.addAttribute("lead", this.api.get("/v1/leads/" + lead).data());
		return "lead";
	}

	@PostMapping("/leads/{id}/delete")
	String delete(@PathVariable String id, RedirectAttributes redirect) {
		this.api.delete("/v1/leads/" + Forms.pathSegment(id));
		redirect.addFlashAttribute("notice", "Lead deleted.");
		return "redirect:/leads";
	}

	/** Check the websites of the leads ticked in the table, or of every lead. */
	@PostMapping("/leads/verify")
	String verify(@RequestParam(name = "ids", required = false) List<String> ids) {
		List<String> chosen = (ids != null) ? ids.stream().limit(1000).map(Forms::pathSegment).toList() : List.of();
		String batch = this.api.post("/v1/leads/verify", Map.of("leadIds", chosen)).data().path("batchId").asString();
		return "redirect:/leads/verify/" + batch;
	}

	@GetMapping("/leads/verify/{batch}")
	String verification(@PathVariable String batch, Model model) {
		model.addAttribute("batch", this.api.get("/v1/leads/verify/" + Forms.pathSegment(batch)).data());
		return "verification";
	}

	@GetMapping("/leads/verify/{batch}/progress")
	String verificationProgress(@PathVariable String batch, Model model) {
		verification(batch, model);
		return "verification :: progress";
	}

}
