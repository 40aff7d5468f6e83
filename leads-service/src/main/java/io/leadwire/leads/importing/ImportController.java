package io.leadwire.leads.importing;

import java.io.IOException;
import java.util.List;

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

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.PageRequest;
import io.leadwire.common.api.Pagination;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.importing.ImportJob;
import io.leadwire.common.importing.ImportJobView;
import io.leadwire.common.importing.ImportMode;

/**
 * CSV imports (docs/api.md §3): {@code POST /v1/leads/import} (form fields or query
 * parameters {@code mode=skip|update} and {@code region}, the ISO 3166 region of phones
 * written without a country code) answers 202 with a queued job; {@code GET
 * /v1/leads/imports/{id}} shows its progress.
 */
@RestController
@RequestMapping("/v1/leads")
class ImportController {

	private final LeadImports imports;

	ImportController(LeadImports imports) {
		this.imports = imports;
	}

	/**
	 * Imports leads from a CSV file (comma-, semicolon- or tab-separated, UTF-8, header
	 * row first, a phone or an email column required). 202 with the queued job; poll
	 * {@code GET /v1/leads/imports/{id}} for its counts, the failed rows ({@code errors})
	 * and the skipped ones with why ({@code skippedRows}). 413 past the upload limit, 415
	 * when the body is not multipart, 429 with {@code Retry-After} when 5 imports of the
	 * account are open.
	 * @param file the CSV file
	 * @param mode {@code skip} (default: a row whose phone or email a lead has is left
	 * alone) or {@code update} (its non-empty cells are written onto the lead)
	 * @param region the region of phones written without a country code ({@code KE},
	 * {@code US}, ...; default: the platform's)
	 */
	@PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.ACCEPTED) // the status the reference documents
	ResponseEntity<ApiResponse<ImportJobView>> start(@RequestPart(name = "file", required = false) MultipartFile file,
			@RequestParam(required = false) String mode, @RequestParam(required = false) String region,
			TenantScope scope) throws IOException {
		ImportJob job = this.imports.start(scope, file, ImportMode.parse(mode), region);
		return ResponseEntity.status(202).body(ApiResponse.of(202, ImportJobView.of(job)));
	}

	@GetMapping("/imports/{id}")
	ApiResponse<ImportJobView> get(@PathVariable long id, TenantScope scope) {
		return ApiResponse.ok(ImportJobView.of(this.imports.find(scope, id).orElseThrow(ApiException::notFound)));
	}

	/** The scope's imports, newest first. */
	@GetMapping("/imports")
	ApiResponse<List<ImportJobView>> list(TenantScope scope, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer limit) {
		PageRequest paging = PageRequest.of(page, limit);
		return ApiResponse.page(this.imports.list(scope, paging).stream().map(ImportJobView::of).toList(),
				Pagination.of(paging, this.imports.count(scope), null));
	}

}
