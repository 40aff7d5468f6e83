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
		try {
			id = spooled(
					file, (
							resource) -> this.api
								.upload("/v1/contacts/import", resource,
										Map.of("group_id", group.isBlank() ? "" : Forms.pathSegment(group), "mode",
												"update".equals(mode) ? "update" : "skip"))
								.data()
								.path("id")
								.asString());
		}
		catch (ApiException ex) {
			model.addAttribute("error", ex.getMessage());
			return form(group, model);
		}
		return "redirect:/contacts/imports/" + id;
	}

	@GetMapping("/leads/import")
	String leadsForm() {
		return "leads-import";
	}

	@PostMapping("/leads/import")
	String uploadLeads(@RequestParam("file") MultipartFile file, @RequestParam(defaultValue = "skip") String mode,
			@RequestParam(defaultValue = "") String region, Model model) throws IOException {
		if (file.isEmpty()) {
			model.addAttribute("error", "Choose a CSV file with a header row and a phone or email column.");
			return leadsForm();
		}
		try {
			String id = spooled(
					file, (
							resource) -> this.api
								.upload("/v1/leads/import", resource,
										Map.of("mode", "update".equals(mode) ? "update" : "skip", "region",
												region.matches("[A-Za-z]{2}")
														? region.toUpperCase(java.util.Locale.ROOT) : ""))
								.data()
								.path("id")
								.asString());
			return "redirect:/leads/imports/" + id;
		}
		catch (ApiException ex) {
			model.addAttribute("error", ex.getMessage());
			return leadsForm();
		}
	}

	/** An import's page: {@code kind} is contacts or leads. */
	@GetMapping("/{kind:contacts|leads}/imports/{id}")
	String job(@PathVariable String kind, @PathVariable String id, Model model) {
		model.addAttribute("kind", kind);
		model.addAttribute("job", this.api.get("/v1/" + kind + "/imports/" + Forms.pathSegment(id)).data());
		return "import-job";
	}

	/** The job's progress alone, as the page polls it. */
	@GetMapping("/{kind:contacts|leads}/imports/{id}/progress")
	String progress(@PathVariable String kind, @PathVariable String id, Model model) {
		job(kind, id, model);
		return "import-job :: progress";
	}

	/**
	 * The upload spooled to a file of its own (Tomcat's part may live only for the
	 * request), streamed to the API under its original name, then deleted.
	 */
	private static String spooled(MultipartFile file, java.util.function.Function<FileSystemResource, String> send)
			throws IOException {
		java.nio.file.Path spool = java.nio.file.Files.createTempFile("leadwire-console-import", ".csv");
		try {
			file.transferTo(spool);
			return send.apply(new FileSystemResource(spool) {
				@Override
				public String getFilename() {
					return (file.getOriginalFilename() != null) ? file.getOriginalFilename() : "upload.csv";
				}
			});
		}
		finally {
			java.nio.file.Files.deleteIfExists(spool);
		}
	}

}
