package io.leadwire.leads.verification;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.context.TenantScope;

/**
 * Website verification (docs/api.md §3): {@code POST /v1/leads/verify} with
 * {@code {leadIds}} (or {@code lead_ids}; none or empty for all leads) answers 202 with
 * the batch; {@code GET /v1/leads/verify/{batchId}} shows its progress.
 */
@RestController
@RequestMapping("/v1/leads/verify")
class VerificationController {

	private final LeadVerifications verifications;

	private final VerificationBatches batches;

	VerificationController(LeadVerifications verifications, VerificationBatches batches) {
		this.verifications = verifications;
		this.batches = batches;
	}

	/**
	 * Check the websites of the leads named (all the scope's leads when none): a batch.
	 */
	@PostMapping
	@ResponseStatus(HttpStatus.ACCEPTED) // the status the reference documents
	ResponseEntity<ApiResponse<VerificationView>> start(@RequestBody(required = false) VerifyRequest body,
			TenantScope scope) {
		VerificationBatch batch = this.verifications.start(scope, (body != null) ? body.ids() : List.of());
		return ResponseEntity.status(202).body(ApiResponse.of(202, VerificationView.of(batch)));
	}

	/** A website verification batch and its progress. */
	@GetMapping("/{batchId}")
	ApiResponse<VerificationView> get(@PathVariable long batchId, TenantScope scope) {
		return ApiResponse
			.ok(VerificationView.of(this.batches.find(scope, batchId).orElseThrow(ApiException::notFound)));
	}

	/**
	 * The leads to check ({@code leadIds}, or the older API's {@code lead_ids}); none, or
	 * no body, checks all the scope's leads.
	 */
	record VerifyRequest(@JsonAlias("lead_ids") List<Long> leadIds) {

		List<Long> ids() {
			if (this.leadIds == null) {
				return List.of();
			}
			if (this.leadIds.size() > LeadVerifications.MAX_LEAD_IDS) {
				throw ApiException.validation("leadIds",
						"at most " + LeadVerifications.MAX_LEAD_IDS + " per batch; send none for all leads");
			}
			if (this.leadIds.contains(null)) {
				throw ApiException.validation("leadIds", "must be an array of lead ids");
			}
			return this.leadIds;
		}

	}

}
