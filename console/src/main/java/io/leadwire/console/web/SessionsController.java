package io.leadwire.console.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.leadwire.console.api.ApiException;
import io.leadwire.console.api.LeadwireApi;
import io.leadwire.console.api.Workspace;
import tools.jackson.databind.JsonNode;

/**
 * WhatsApp sessions: the list and a new one; a session's page with its status and the QR
 * code to scan (refreshed every 2 s until the session works), a single message of any
 * type, and its message log with each message's status history. With test data, the
 * sandbox trap shows exactly what the provider was sent.
 */
@Controller
class SessionsController {

	private static final String DELIVERY = "/v1/campaigns/delivery-settings";

	private final LeadwireApi api;

	SessionsController(LeadwireApi api) {
		this.api = api;
	}

	@GetMapping("/sessions")
	String list(Model model) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", SessionForm.empty());
		}
		model.addAttribute("sessions", this.api.get("/v1/sessions", Map.of("limit", 100)).data());
		if (!model.containsAttribute("delivery")) {
			model.addAttribute("delivery", DeliveryForm.of(this.api.get(DELIVERY).data()));
		}
		model.addAttribute("inForce", null);
		return "sessions";
	}

	@PostMapping("/sessions")
	String create(@Valid @ModelAttribute("form") SessionForm form, BindingResult binding, Model model) {
		if (!binding.hasErrors()) {
			try {
				return "redirect:/sessions/" + this.api.post("/v1/sessions", form.body()).data().path("id").asString();
			}
			catch (ApiException ex) {
				Forms.reject(binding, ex, "name", "ratePerMinute", "provider", "wabaId", "phoneNumberId",
						"accessToken");
			}
		}
		return list(model);
	}

	/** The tenant's delivery settings: every session's unless it has its own. */
	@PostMapping("/sessions/delivery")
	String delivery(@Valid @ModelAttribute("delivery") DeliveryForm delivery, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		if (!binding.hasErrors()) {
			try {
				this.api.put(DELIVERY, delivery.body(true), null);
				redirect.addFlashAttribute("notice", "Quiet hours and daily cap saved.");
				return "redirect:/sessions";
			}
			catch (ApiException ex) {
				Forms.reject(binding, ex, DeliveryForm.FIELDS);
			}
		}
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", SessionForm.empty());
		}
		return list(model);
	}

	/** A session's own delivery settings (blank: the tenant's). */
	@PostMapping("/sessions/{id}/delivery")
	String sessionDelivery(@PathVariable String id, @Valid @ModelAttribute("delivery") DeliveryForm delivery,
			BindingResult binding, Model model, RedirectAttributes redirect) {
		if (!binding.hasErrors()) {
			try {
				this.api.put(DELIVERY + "/sessions/" + Forms.pathSegment(id), delivery.body(false), null);
				redirect.addFlashAttribute("notice", "This session's quiet hours and daily cap saved.");
				return "redirect:/sessions/" + id;
			}
			catch (ApiException ex) {
				Forms.reject(binding, ex, DeliveryForm.FIELDS);
			}
		}
		if (!model.containsAttribute("send")) {
			model.addAttribute("send", SendForm.empty());
		}
		return page(id, model);
	}

	@GetMapping("/sessions/{id}")
	String session(@PathVariable String id, Model model) {
		if (!model.containsAttribute("send")) {
			model.addAttribute("send", SendForm.empty());
		}
		return page(id, model);
	}

	/** The status and QR code alone, as the page polls them. */
	@GetMapping("/sessions/{id}/status")
	String status(@PathVariable String id, Model model) {
		model.addAttribute("whatsapp", this.api.get("/v1/sessions/" + Forms.pathSegment(id)).data());
		return "session :: status";
	}

	@PostMapping("/sessions/{id}/send")
	String send(@PathVariable String id, @Valid @ModelAttribute("send") SendForm send, BindingResult binding,
			Model model, RedirectAttributes redirect) {
		if (!binding.hasErrors()) {
			try {
				String status = this.api.post("/v1/messages", send.body(Forms.pathSegment(id)))
					.data()
					.path("status")
					.asString("");
				redirect.addFlashAttribute("notice", "Message to " + send.to().strip() + " " + status + ".");
				return "redirect:/sessions/" + id;
			}
			catch (ApiException ex) {
				Forms.reject(binding, ex, send.formFields());
			}
		}
		return page(id, model);
	}

	@PostMapping("/sessions/{id}/delete")
	String delete(@PathVariable String id, RedirectAttributes redirect) {
		this.api.delete("/v1/sessions/" + Forms.pathSegment(id));
		redirect.addFlashAttribute("notice", "Session deleted.");
		return "redirect:/sessions";
	}

	/** A message with its status history. */
	@GetMapping("/messages/{id}")
	String message(@PathVariable String id, Model model) {
		model.addAttribute("message", this.api.get("/v1/messages/" + Forms.pathSegment(id)).data());
		return "message";
	}

	/**
	 * The sandbox trap: what the sandbox provider received, exactly as a real provider
	 * would have (test data only), for a session or a campaign.
	 */
	@GetMapping("/sandbox")
	String sandbox(@RequestParam(defaultValue = "") String session, @RequestParam(defaultValue = "") String campaign,
			Model model) {
		model.addAttribute("testData", Workspace.testData());
		if (Workspace.testData()) {
			Map<String, Object> query = new LinkedHashMap<>();
			query.put("sessionId", session.isBlank() ? null : Forms.pathSegment(session));
			query.put("campaignId", campaign.isBlank() ? null : Forms.pathSegment(campaign));
			query.put("limit", 100);
			LeadwireApi.Envelope received = this.api.get("/v1/sandbox/messages", query);
			model.addAttribute("received", received.data());
			model.addAttribute("total", received.pagination().path("total").asLong(received.data().size()));
		}
		model.addAttribute("sessionFilter", session);
		model.addAttribute("campaignFilter", campaign);
		return "sandbox";
	}

	private String page(String id, Model model) {
		String session = Forms.pathSegment(id);
		// Not "session": Thymeleaf's name for the HTTP session.
		model.addAttribute("whatsapp", this.api.get("/v1/sessions/" + session).data());
		model.addAttribute("messages", this.api.get("/v1/messages", Map.of("sessionId", session, "limit", 25)).data());
		model.addAttribute("types", SendForm.TYPES);
		JsonNode delivery = this.api.get(DELIVERY + "/sessions/" + session).data();
		if (!model.containsAttribute("delivery")) {
			model.addAttribute("delivery", DeliveryForm.of(delivery));
		}
		model.addAttribute("inForce", delivery.path("inForce"));
		return "session";
	}

}
