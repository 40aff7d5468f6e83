package io.leadwire.console.web;

import java.io.IOException;
import java.util.Map;

import org.springframework.core.io.FileSystemResource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import io.leadwire.console.api.ApiException;
import io.leadwire.console.api.LeadwireApi;

/**
 * CSV imports of contacts (into a group) and of leads: the upload, then the job's page,
 * whose progress refreshes itself every second until the job ends and then lists the rows
 * that failed or were skipped, with why.
 */
@Controller
class ImportsController {

	private final LeadwireApi api;

	ImportsController(LeadwireApi api) {
		this.api = api;
	}

	@GetMapping("/contacts/import")
	String form(@RequestParam(name = "group", defaultValue = "") String group, Model model) {
		model.addAttribute("groups", this.api.get("/v1/contacts/groups", Map.of("limit", 100)).data());
		model.addAttribute("selectedGroup", group);
		return "contacts-import";
	}

	@PostMapping("/contacts/import")
	String upload(@RequestParam("file") MultipartFile file,
			@RequestParam(name = "group", defaultValue = "") String group,
			@RequestParam(defaultValue = "skip") String mode, Model model) throws IOException {
		if (file.isEmpty()) {
			model.addAttribute("error", "Choose a CSV file with a header row and a phone column.");
			return form(group, model);
		}
		String id;
		java.nio.file.Path spooled = java.nio.file.Files.createTempFile("leadwire-console-import", ".csv");
		try {
			file.transferTo(spooled);
			FileSystemResource resource = new FileSystemResource(spooled) {
				@Override
				public String getFilename() {
					return (file.getOriginalFilename() != null) ? file.getOriginalFilename() : "contacts.csv";
				}
			};
			id = this.api.upload("/v1/contacts/import", resource, Map.of("group_id",
					group.isBlank() ? "" : Forms.pathSegment(group), "mode", "update".equals(mode) ? "update" : "skip"))
				.data()
				.path("id")
				.asString();
		}
		catch (ApiException ex) {
			model.addAttribute("error", ex.getMessage());
			return form(group, model);
		}
		finally {
			java.nio.file.Files.deleteIfExists(spooled);
		}
		return "redirect:/contacts/imports/" + id;
	}

	@GetMapping("/contacts/imports/{id}")
	String job(@PathVariable String id, Model model) {
		model.addAttribute("job", this.api.get("/v1/contacts/imports/" + Forms.pathSegment(id)).data());
		return "import-job";
	}

	/** The job's progress alone, as the page polls it. */
	@GetMapping("/contacts/imports/{id}/progress")
	String progress(@PathVariable String id, Model model) {
		job(id, model);
		return "import-job :: progress";
	}

}
