package io.leadwire.console.web;

import java.util.HashMap;
import java.util.List;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.leadwire.console.api.ApiException;
import io.leadwire.console.api.LeadwireApi;
import tools.jackson.databind.JsonNode;

/**
 * API keys: the list with what each may do and when it was last used, a new key (with
 * what it may do), regenerate (the old secret kept working for a while, if asked),
 * revoke. A new or regenerated secret is shown once, on the answer to the form itself
 * (never kept in the session, a flash attribute or a cache:
 * {@code Cache-Control: no-store}), with a button that copies it.
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
		JsonNode keys = this.api.get("/v1/api-keys", Map.of("limit", 100)).data();
		model.addAttribute("keys", keys);
		Map<String, String> mayDo = new HashMap<>();
		for (JsonNode key : keys) {
			mayDo.put(key.path("id").asString(""), mayDo(key.path("scopes")));
		}
		model.addAttribute("mayDo", mayDo);
		return "keys";
	}

	/** A key's scopes in words: "everything", or the scopes themselves. */
	static String mayDo(JsonNode scopes) {
		List<String> list = scopes.valueStream().map(JsonNode::asString).toList();
		return (list.isEmpty() || list.contains("*")) ? "everything" : String.join(", ", list);
	}

	@PostMapping("/settings/keys")
	String create(@Valid @ModelAttribute("form") KeyForm form, BindingResult binding, Model model,
			HttpServletResponse response) {
		if (!binding.hasErrors()) {
			try {
				Map<String, Object> body = new HashMap<>(
						Map.of("name", form.name().strip(), "environment", form.environment()));
				if (form.scopes() != null) {
					body.put("scopes", form.scopes());
				}
				LeadwireApi.Envelope created = this.api.post("/v1/api-keys", body);
				return showOnce(created, KeyForm.empty(), model, response);
			}
			catch (ApiException ex) {
				Forms.reject(binding, ex, "name", "environment", "access");
			}
		}
		return list(model);
	}

	/**
	 * {@code grace}: how long the old secret keeps working (seconds; none by default), so
	 * the systems using it can be moved to the new one without an outage.
	 */
	@PostMapping("/settings/keys/{id}/regenerate")
	String regenerate(@PathVariable String id, @RequestParam(defaultValue = "0") long grace, Model model,
			HttpServletResponse response) {
		long seconds = Math.max(0, Math.min(grace, 604_800));
		LeadwireApi.Envelope regenerated = this.api.post("/v1/api-keys/" + Forms.pathSegment(id) + "/regenerate",
				Map.of("grace_period_seconds", seconds));
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
