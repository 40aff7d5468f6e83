package io.leadwire.console.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.leadwire.console.api.ApiException;
import io.leadwire.console.api.LeadwireApi;

/**
 * API keys: the list with when each was last used, a new key, regenerate, revoke. A new
 * or regenerated secret is shown once, on the answer to the form itself (never kept in
 * the session, a flash attribute or a cache: {@code Cache-Control: no-store}), with a
 * button that copies it.
 */
@Controller
class KeysController {

	private final LeadwireApi api;

	KeysController(LeadwireApi api) {
		this.api = api;
	}

	@GetMapping("/settings/keys")
	String list(Model model) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", KeyForm.empty());
		}
		model.addAttribute("keys", this.api.get("/v1/api-keys", Map.of("limit", 100)).data());
		return "keys";
	}

	@PostMapping("/settings/keys")
	String create(@Valid @ModelAttribute("form") KeyForm form, BindingResult binding, Model model,
			HttpServletResponse response) {
		if (!binding.hasErrors()) {
			try {
				LeadwireApi.Envelope created = this.api.post("/v1/api-keys",
						Map.of("name", form.name().strip(), "environment", form.environment()));
				return showOnce(created, KeyForm.empty(), model, response);
			}
			catch (ApiException ex) {
				Forms.reject(binding, ex, "name", "environment");
			}
		}
		return list(model);
	}

	@PostMapping("/settings/keys/{id}/regenerate")
	String regenerate(@PathVariable String id, Model model, HttpServletResponse response) {
		LeadwireApi.Envelope regenerated = this.api.post("/v1/api-keys/" + Forms.pathSegment(id) + "/regenerate", null);
		return showOnce(regenerated, KeyForm.empty(), model, response);
	}

	@PostMapping("/settings/keys/{id}/revoke")
	String revoke(@PathVariable String id, RedirectAttributes redirect) {
		this.api.delete("/v1/api-keys/" + Forms.pathSegment(id));
		redirect.addFlashAttribute("notice", "Key revoked: it no longer works anywhere.");
		return "redirect:/settings/keys";
	}

	private String showOnce(LeadwireApi.Envelope key, KeyForm form, Model model, HttpServletResponse response) {
		response.setHeader("Cache-Control", "no-store");
		model.addAttribute("created", key.data());
		model.addAttribute("form", form);
		return list(model);
	}

}
