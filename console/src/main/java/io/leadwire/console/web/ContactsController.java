package io.leadwire.console.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
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
import tools.jackson.databind.JsonNode;

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
	String list(@RequestParam(defaultValue = "") String search, @RequestParam(defaultValue = "") String group,
			@RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page, Model model) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", ContactForm.empty());
		}
		return page(search, group, page, model);
	}

	/** The API's CSV export, streamed through to the browser as it comes. */
	@GetMapping("/contacts/export")
	void export(@RequestParam(defaultValue = "") String group, HttpServletResponse response) throws IOException {
		Map<String, Object> query = new LinkedHashMap<>();
		query.put("format", "csv");
		query.put("group_id", group.isBlank() ? null : Forms.pathSegment(group));
		this.api.download("/v1/contacts/export", query, (headers) -> {
			response.setContentType("text/csv; charset=utf-8");
			response.setHeader("Content-Disposition", "attachment; filename=\"contacts.csv\"");
		}, response.getOutputStream());
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
		return page("", "", 1, model);
	}

	/** A row's favourite toggle; back to the page it was on. */
	@PostMapping("/contacts/{id}/favorite")
	String favorite(@PathVariable String id, @RequestParam(defaultValue = "/contacts") String back,
			RedirectAttributes redirect) {
		JsonNode contact = this.api.post("/v1/contacts/" + Forms.pathSegment(id) + "/favorite", null).data();
		redirect.addFlashAttribute("notice", contact.path("name").asString("Contact")
				+ (contact.path("isFavorite").asBoolean(false) ? " is a favourite." : " is no longer a favourite."));
		return "redirect:" + WorkspaceController.safe(back);
	}

	/** Opt a contact out of (or back into) campaign messages. */
	@PostMapping("/contacts/{id}/{action:opt-out|opt-in}")
	String optOut(@PathVariable String id, @PathVariable String action,
			@RequestParam(defaultValue = "/contacts") String back, RedirectAttributes redirect) {
		this.api.post("/v1/contacts/" + Forms.pathSegment(id) + "/" + action, Map.of());
		redirect.addFlashAttribute("notice",
				action.equals("opt-out") ? "Opted out: no campaign will message this contact."
						: "Opted in: campaigns may message this contact.");
		return "redirect:" + WorkspaceController.safe(back);
	}

	/** The chosen rows (at most a page): deleted, or added to a group. */
	@PostMapping("/contacts/bulk")
	String bulk(@RequestParam(name = "ids", required = false) List<String> ids, @RequestParam String action,
			@RequestParam(defaultValue = "") String group, @RequestParam(defaultValue = "/contacts") String back,
			RedirectAttributes redirect) {
		List<String> chosen = (ids != null) ? ids.stream().limit(PAGE_SIZE * 4).map(Forms::pathSegment).toList()
				: List.of();
		if (chosen.isEmpty()) {
			redirect.addFlashAttribute("notice", "Choose contacts first (the boxes at the start of each row).");
		}
		else if (action.equals("delete")) {
			this.api.post("/v1/contacts/bulk-delete", Map.of("ids", chosen));
			redirect.addFlashAttribute("notice", chosen.size() + " contacts deleted.");
		}
		else if (action.equals("assign") && !group.isBlank()) {
			this.api.post("/v1/contacts/bulk-assign-group",
					Map.of("contactIds", chosen, "groupId", Forms.pathSegment(group)));
			redirect.addFlashAttribute("notice", chosen.size() + " contacts added to the group.");
		}
		return "redirect:" + WorkspaceController.safe(back);
	}

	@PostMapping("/contacts/{id}/delete")
	String delete(@PathVariable String id, RedirectAttributes redirect) {
		this.api.delete("/v1/contacts/" + Forms.pathSegment(id));
		redirect.addFlashAttribute("notice", "Contact deleted.");
		return "redirect:/contacts";
	}

	private String page(String search, String group, int page, Model model) {
		Map<String, Object> query = new LinkedHashMap<>();
		query.put("search", search);
		query.put("group_id", group.isBlank() ? null : Forms.pathSegment(group));
		query.put("page", page);
		query.put("limit", PAGE_SIZE);
		LeadwireApi.Envelope contacts = this.api.get("/v1/contacts", query);
		model.addAttribute("group", group);
		model.addAttribute("groups", this.api.get("/v1/contacts/groups", Map.of("limit", 100)).data());
		model.addAttribute("contacts", contacts.data());
		model.addAttribute("pagination", contacts.pagination());
		model.addAttribute("search", search);
		return "contacts";
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
