package io.leadwire.console.web;

import java.util.Map;

import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.leadwire.console.api.ApiException;
import io.leadwire.console.api.LeadwireApi;
import io.leadwire.console.api.Workspace;

/**
 * A partner agency's page: its client companies with their WhatsApp connections, a new
 * client, and the partner's wallet (which its clients spend). Which company the other
 * screens act in is the header's switch.
 */
@Controller
class PartnerController {

	private final LeadwireApi api;

	PartnerController(LeadwireApi api) {
		this.api = api;
	}

	@GetMapping("/partner")
	String partner(Model model) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", GroupForm.empty());
		}
		model.addAttribute("clients", this.api.get("/v1/companies", Map.of("limit", 100)).data());
		model.addAttribute("wallet", this.api.get("/v1/wallet").data());
		return "partner";
	}

	@PostMapping("/partner/companies")
	String onboard(@Valid @ModelAttribute("form") GroupForm form, BindingResult binding, Model model,
			HttpSession session, RedirectAttributes redirect) {
		if (!binding.hasErrors()) {
			try {
				this.api.post("/v1/companies", Map.of("name", form.name().strip()));
				Workspace.forgetCompanies(session);
				redirect.addFlashAttribute("notice", "Client company " + form.name().strip() + " added.");
				return "redirect:/partner";
			}
			catch (ApiException ex) {
				Forms.reject(binding, ex, "name");
			}
		}
		return partner(model);
	}

}
