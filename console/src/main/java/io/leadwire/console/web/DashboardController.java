package io.leadwire.console.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.leadwire.console.api.LeadwireApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The first screen: the plan and what is left of it today, the wallet, the campaigns
 * running now, and the last hour of messages (created per minute, and a delivery funnel
 * of where they are now) as charts.
 */
@Controller
class DashboardController {

	private final LeadwireApi api;

	private final ObjectMapper json;

	DashboardController(LeadwireApi api, ObjectMapper json) {
		this.api = api;
		this.json = json;
	}

	@GetMapping("/")
	String dashboard(Model model) {
		model.addAttribute("usage", this.api.get("/v1/usage").data());
		model.addAttribute("wallet", this.api.get("/v1/wallet").data());
		model.addAttribute("running", this.api.get("/v1/campaigns", Map.of("status", "running", "limit", 20)).data());
		JsonNode activity = this.api.get("/v1/messages/activity").data();
		List<String> minutes = new ArrayList<>();
		List<Long> counts = new ArrayList<>();
		activity.path("perMinute").forEach((minute) -> {
			// "HH:mm" of the UTC minute (the chart's axis says UTC).
			String label = minute.path("minute").asString("");
			minutes.add(label.length() >= 16 ? label.substring(11, 16) : label);
			counts.add(minute.path("messages").asLong(0));
		});
		JsonNode status = activity.path("byStatus");
		long read = status.path("read").asLong(0);
		long delivered = status.path("delivered").asLong(0) + read;
		long accepted = status.path("sent").asLong(0) + delivered;
		Map<String, Long> funnel = new LinkedHashMap<>();
		funnel.put("Created", accepted + status.path("queued").asLong(0) + status.path("failed").asLong(0));
		funnel.put("Accepted by WhatsApp", accepted);
		funnel.put("Delivered", delivered);
		funnel.put("Read", read);
		funnel.put("Failed", status.path("failed").asLong(0));
		model.addAttribute("minutes", this.json.writeValueAsString(minutes));
		model.addAttribute("perMinute", this.json.writeValueAsString(counts));
		model.addAttribute("funnelLabels", this.json.writeValueAsString(funnel.keySet()));
		model.addAttribute("funnelValues", this.json.writeValueAsString(funnel.values()));
		model.addAttribute("funnel", funnel);
		model.addAttribute("charts", true);
		model.addAttribute("lastHour", counts.stream().mapToLong(Long::longValue).sum());
		return "dashboard";
	}

}
