package io.leadwire.console.web;

import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.leadwire.console.api.LeadwireApi;

/**
 * The first screen: the plan and what is left of it today, the wallet, and the campaigns
 * running now.
 */
@Controller
class DashboardController {

	private final LeadwireApi api;

	DashboardController(LeadwireApi api) {
		this.api = api;
	}

	@GetMapping("/")
	String dashboard(Model model) {
		model.addAttribute("usage", this.api.get("/v1/usage").data());
		model.addAttribute("wallet", this.api.get("/v1/wallet").data());
		model.addAttribute("running", this.api.get("/v1/campaigns", Map.of("status", "running", "limit", 20)).data());
		return "dashboard";
	}

}
