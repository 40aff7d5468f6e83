package io.leadwire.messaging.number;

import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.PageRequest;
import io.leadwire.common.context.TenantScope;

/**
 * {@code POST /v1/numbers/verify {phone, session_id?}} and {@code POST
 * /v1/numbers/verify-bulk {phones[], session_id?}} (at most
 * {@value NumberChecks#MAX_BULK}).
 */
@RestController
class NumberController {

	private final NumberChecks checks;

	private final NumberCheckJobs jobs;

	NumberController(NumberChecks checks, NumberCheckJobs jobs) {
		this.checks = checks;
		this.jobs = jobs;
	}

	@PostMapping("/v1/numbers/verify")
	ApiResponse<NumberCheckView> verify(@RequestBody Single body, TenantScope scope) {
		if (body == null || body.phone() == null || body.phone().isBlank()) {
			throw ApiException.validation("phone", "is required");
		}
		return ApiResponse.ok(this.checks.check(scope, List.of(body.phone()), body.sessionId()).get(0));
	}

	/**
	 * Up to {@value NumberChecks#MAX_BULK} numbers are answered at once; a longer list
	 * (up to {@value NumberCheckJobs#MAX_NUMBERS}) becomes a job: 202, then {@code GET
	 * /v1/numbers/jobs/{id}}.
	 */
	@PostMapping("/v1/numbers/verify-bulk")
	ResponseEntity<ApiResponse<?>> verifyBulk(@RequestBody Bulk body, TenantScope scope) {
		List<String> phones = (body != null) ? body.phones() : null;
		Long sessionId = (body != null) ? body.sessionId() : null;
		if (phones != null && phones.size() > NumberChecks.MAX_BULK) {
			NumberCheckJob job = this.jobs.start(scope, phones, sessionId);
			return ResponseEntity.accepted()
				.header(HttpHeaders.LOCATION, "/v1/numbers/jobs/" + job.id())
				.body(ApiResponse.of(202, JobView.of(job)));
		}
		return ResponseEntity.ok(ApiResponse.ok(this.checks.check(scope, phones, sessionId)));
	}

	/**
	 * A bulk check job, with a page of its answers in request order ({@code page},
	 * {@code limit}: 50 by default, at most 100).
	 */
	@GetMapping("/v1/numbers/jobs/{id:\\d+}")
	ApiResponse<JobView> job(@PathVariable long id, TenantScope scope, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer limit) {
		PageRequest paging = PageRequest.of(page, limit);
		NumberCheckJob job = this.jobs.find(scope, id, paging);
		return ApiResponse.ok(JobView.of(job));
	}

	record Single(String phone, Long sessionId) {
	}

	record Bulk(List<String> phones, Long sessionId) {
	}

	/**
	 * A bulk check job (docs/api.md "Jobs"): {@code valid} numbers are on WhatsApp,
	 * {@code invalid} are not, {@code failed} could not be checked (each answer says
	 * why).
	 */
	record JobView(long id, String status, long sessionId, int total, int processed, int valid, int invalid, int failed,
			String error, List<NumberCheckJob.Result> results, Instant createdAt, Instant updatedAt,
			Instant finishedAt) {

		static JobView of(NumberCheckJob job) {
			return new JobView(job.id(), job.status().wireName(), job.sessionId(), job.total(), job.processed(),
					job.valid(), job.invalid(), job.failed(), job.error(),
					(job.results() != null) ? job.results() : List.of(), job.createdAt(), job.updatedAt(),
					job.finishedAt());
		}

	}

}
