package io.leadwire.console.web;

import java.util.Map;

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

/** Groups of contacts: the list with their sizes, a new group, delete. */
@Controller
class GroupsController {

	private final LeadwireApi api;

	GroupsController(LeadwireApi api) {
		this.api = api;
	}

	@GetMapping("/groups")
	String list(Model model) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", GroupForm.empty());
		}
		model.addAttribute("groups", this.api.get("/v1/contacts/groups", Map.of("limit", 100)).data());
		return "groups";
	}

	@PostMapping("/groups")
	String create(@Valid @ModelAttribute("form") GroupForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		if (!binding.hasErrors()) {
			try {
				this.api.post("/v1/contacts/groups", Map.of("name", form.name().strip()));
				redirect.addFlashAttribute("notice", "Group " + form.name().strip() + " created.");
				return "redirect:/groups";
			}
			catch (ApiException ex) {
				Forms.reject(binding, ex, "name");
			}
		}
		return list(model);
	}

	@PostMapping("/groups/{id}/delete")
	String delete(@PathVariable String id, RedirectAttributes redirect) {
		this.api.delete("/v1/contacts/groups/" + Forms.pathSegment(id));
		redirect.addFlashAttribute("notice", "Group deleted; its contacts are kept.");
		return "redirect:/groups";
	}

}
