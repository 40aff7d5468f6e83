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

/** Contacts: the paged, searchable list, a new contact, and delete. */
@Controller
@Validated
class ContactsController {

	static final int PAGE_SIZE = 25;

	private final LeadwireApi api;

	ContactsController(LeadwireApi api) {
		this.api = api;
	}

	@GetMapping("/contacts")
	String list(@RequestParam(defaultValue = "") String search,
			@RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page, Model model) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", ContactForm.empty());
		}
		return page(search, page, model);
	}

	@PostMapping("/contacts")
	String create(@Valid @ModelAttribute("form") ContactForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		if (!binding.hasErrors()) {
			try {
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("name", blankToNull(form.name()));
				body.put("phone", form.phone().strip());
				body.put("email", blankToNull(form.email()));
				body.values().removeIf(java.util.Objects::isNull);
				String name = this.api.post("/v1/contacts", body).data().path("name").asString("");
				redirect.addFlashAttribute("notice", "Contact " + name + " added.");
				return "redirect:/contacts";
			}
			catch (ApiException ex) {
				Forms.reject(binding, ex, "name", "phone", "email");
			}
		}
		return page("", 1, model);
	}

	@PostMapping("/contacts/{id}/delete")
	String delete(@PathVariable String id, RedirectAttributes redirect) {
		this.api.delete("/v1/contacts/" + Forms.pathSegment(id));
		redirect.addFlashAttribute("notice", "Contact deleted.");
		return "redirect:/contacts";
	}

	private String page(String search, int page, Model model) {
		LeadwireApi.Envelope contacts = this.api.get("/v1/contacts",
				Map.of("search", search, "page", page, "limit", PAGE_SIZE));
		model.addAttribute("contacts", contacts.data());
		model.addAttribute("pagination", contacts.pagination());
		model.addAttribute("search", search);
		return "contacts";
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
