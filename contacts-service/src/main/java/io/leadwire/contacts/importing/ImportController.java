package io.leadwire.contacts.importing;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.util.UriComponentsBuilder;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.PageRequest;
import io.leadwire.common.api.Pagination;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.id.IdCodec;
import io.leadwire.common.importing.ImportMode;
import io.leadwire.contacts.contact.GroupStore;

/**
 * Contacts CSV imports (docs/api.md §4): {@code POST /v1/contacts/import}, multipart
 * {@code file} with optional {@code group_id} (every row joins the group),
 * {@code mode=skip|update} (a row whose phone a contact has: left alone, or its non-empty
 * cells written onto the contact) and {@code region} (of phones written without a country
 * code) — as form fields or query parameters. 202 with a queued job; {@code GET
 * /v1/contacts/imports/{id}} shows its progress, the failed rows ({@code errors}), the
 * skipped ones with why ({@code skippedRows}) and the rows imported without an email that
 * is not an address ({@code warnings}: the contact is kept, the field is named). The file
 * may be comma-, semicolon- or tab-separated.
 * <p>
 * A {@code group_id} form field is the public id as the client wrote it (the gateway does
 * not read multipart bodies), decoded here with the platform's codec; in the query the
 * gateway has decoded it already.
 */
@RestController
@RequestMapping("/v1/contacts")
class ImportController {

	private final ContactImports imports;

	private final GroupStore groups;

	private final IdCodec codec;

	ImportController(ContactImports imports, GroupStore groups, IdCodec codec) {
		this.imports = imports;
		this.groups = groups;
		this.codec = codec;
	}

	/**
	 * Imports contacts from a CSV file (comma-, semicolon- or tab-separated, UTF-8,
	 * header row first, a phone column required; name, email, favorite and any other
	 * column as a custom field). 202 with the queued job; poll {@code GET
	 * /v1/contacts/imports/{id}} for its counts, the failed rows ({@code errors}), the
	 * skipped ones with why ({@code skippedRows}) and the rows kept without an email that
	 * is not an address ({@code warnings}). 413 past the upload limit, 415 when the body
	 * is not multipart, 429 with {@code Retry-After} when 5 imports of the account are
	 * open.
	 * @param file the CSV file
	 * @param groupIdField a group every row joins (its id, as a form field or in the
	 * query); a row whose phone a contact has still joins it in skip mode
	 * @param mode {@code skip} (default: a row whose phone a contact has is left alone)
	 * or {@code update} (its non-empty cells are written onto the contact)
	 * @param region the region of phones written without a country code ({@code KE},
	 * {@code US}, ...; default: the platform's)
	 */
	@PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.ACCEPTED) // the status the reference documents
	ResponseEntity<ApiResponse<ContactImportView>> start(
			@RequestPart(name = "file", required = false) MultipartFile file,
			@RequestPart(name = "group_id", required = false) String groupIdField,
			@RequestParam(required = false) String mode, @RequestParam(required = false) String region,
			HttpServletRequest request, TenantScope scope) throws IOException {
		Long groupId = groupOf(request, groupIdField);
		if (groupId != null) {
			this.groups.require(scope, groupId);
		}
		var job = this.imports.start(scope, file, ImportMode.parse(mode), region, groupId);
		return ResponseEntity.status(202).body(ApiResponse.of(202, ContactImportView.of(job)));
	}

	@GetMapping("/imports/{id:\\d+}")
	ApiResponse<ContactImportView> get(@PathVariable long id, TenantScope scope) {
		return ApiResponse.ok(ContactImportView.of(this.imports.find(scope, id).orElseThrow(ApiException::notFound)));
	}

	/** The scope's imports, newest first. */
	@GetMapping("/imports")
	ApiResponse<List<ContactImportView>> list(TenantScope scope, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer limit) {
		PageRequest paging = PageRequest.of(page, limit);
		return ApiResponse.page(this.imports.list(scope, paging).stream().map(ContactImportView::of).toList(),
				Pagination.of(paging, this.imports.count(scope), null));
	}

	/**
	 * The import's group: from the query (decoded by the gateway: digits), else from the
	 * form (the public id: decoded here). Anything that is not a group id is "not found".
	 */
	private Long groupOf(HttpServletRequest request, String formField) {
		var query = UriComponentsBuilder.newInstance().query(request.getQueryString()).build().getQueryParams();
		for (String name : List.of("group_id", "groupId")) {
			String value = query.getFirst(name);
			if (value != null && !value.isBlank()) {
				try {
					return Long.parseLong(value.strip());
				}
				catch (NumberFormatException ex) {
					throw new ApiException(404, "not_found", "Group not found");
				}
			}
		}
		for (String value : new String[] { formField, request.getParameter("groupId") }) {
			if (value != null && !value.isBlank()) {
				return this.codec.decode(value.strip())
					.stream()
					.boxed()
					.findFirst()
					.orElseThrow(() -> new ApiException(404, "not_found", "Group not found"));
			}
		}
		return null;
	}

}
