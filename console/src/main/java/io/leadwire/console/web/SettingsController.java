package io.leadwire.console.web;

import java.util.LinkedHashMap;
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
 * The account's settings beside its keys: users and roles, the audit log, the wallet and
 * its ledger. What a member may not see is the API's 403, shown as such.
 */
@Controller
@Validated
class SettingsController {

	static final int PAGE_SIZE = 50;

	private final LeadwireApi api;

	SettingsController(LeadwireApi api) {
		this.api = api;
	}

	@GetMapping("/settings/users")
	String users(Model model) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", UserForm.empty());
		}
		model.addAttribute("users", this.api.get("/v1/users", Map.of("limit", 100)).data());
		return "users";
	}

	@PostMapping("/settings/users")
	String createUser(@Valid @ModelAttribute("form") UserForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		if (!binding.hasErrors()) {
			try {
				this.api.post("/v1/users", Map.of("name", form.name().strip(), "email", form.email().strip(), "role",
						form.role(), "password", form.password()));
				redirect.addFlashAttribute("notice",
						form.name().strip() + " can now sign in as " + form.email().strip() + ".");
				return "redirect:/settings/users";
			}
			catch (ApiException ex) {
				Forms.reject(binding, ex, "name", "email", "role", "password");
			}
		}
		return users(model);
	}

	@PostMapping("/settings/users/{id}/delete")
	String deleteUser(@PathVariable String id, RedirectAttributes redirect) {
		this.api.delete("/v1/users/" + Forms.pathSegment(id));
		redirect.addFlashAttribute("notice", "User removed: they can no longer sign in.");
		return "redirect:/settings/users";
	}

	@GetMapping("/settings/audit")
	String audit(@RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page, Model model) {
		LeadwireApi.Envelope entries = this.api.get("/v1/audit-log", Map.of("page", page, "limit", PAGE_SIZE));
		model.addAttribute("entries", entries.data());
		model.addAttribute("pagination", entries.pagination());
		return "audit";
	}

	@GetMapping("/settings/wallet")
	String wallet(@RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page, Model model) {
		Map<String, Object> query = new LinkedHashMap<>();
		query.put("page", page);
		query.put("limit", PAGE_SIZE);
		LeadwireApi.Envelope ledger = this.api.get("/v1/wallet/ledger", query);
		model.addAttribute("wallet", this.api.get("/v1/wallet").data());
		model.addAttribute("ledger", ledger.data());
		model.addAttribute("pagination", ledger.pagination());
		return "wallet";
	}

}
