package io.leadwire.contacts.export;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.context.TenantScope;
import io.leadwire.contacts.contact.ContactFilter;
import io.leadwire.contacts.contact.ContactQueries;

/**
 * {@code GET /v1/contacts/export?format=csv} (docs/api.md §4) with the list's filters
 * ({@code group_id}, {@code search}, {@code favorite}, {@code optedOut}) and
 * {@code bom=true}: an attachment streamed as it is read. Everything that can be refused
 * (format, filters, another tenant's group, a third export of the tenant streaming at
 * once: 429 with {@code Retry-After}) is refused before the first byte, in the envelope.
 */
@RestController
@RequestMapping("/v1/contacts")
class ExportController {

	private final ContactExport export;

	private final ContactQueries queries;

	ExportController(ContactExport export, ContactQueries queries) {
		this.export = export;
		this.queries = queries;
	}

	@GetMapping("/export")
	void export(TenantScope scope, @RequestParam(required = false) String format,
			@RequestParam(required = false) Long groupId,
			@RequestParam(name = "group_id", required = false) Long groupIdSnake,
			@RequestParam(required = false) Boolean favorite, @RequestParam(required = false) Boolean optedOut,
			@RequestParam(name = "opted_out", required = false) Boolean optedOutSnake,
			@RequestParam(required = false) String search, @RequestParam(required = false) Boolean bom,
			HttpServletResponse response) throws IOException {
		if (format != null && !format.isBlank() && !format.strip().equalsIgnoreCase("csv")) {
			throw ApiException.validation("format", "only csv is supported");
		}
		ContactFilter filter = this.queries.filter(scope, groupId, groupIdSnake, favorite,
				(optedOut != null) ? optedOut : optedOutSnake, search);
		try (ContactExport.Admission admitted = this.export.admit(scope)) {
			response.setStatus(200);
			response.setContentType("text/csv;charset=UTF-8");
			response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"contacts-" + LocalDate.now(ZoneOffset.UTC) + ".csv\"");
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			this.export.write(scope, filter, Boolean.TRUE.equals(bom), response.getOutputStream());
		}
	}

}
