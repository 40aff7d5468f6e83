package io.leadwire.messaging.number;

import java.util.List;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.context.TenantScope;

/**
 * {@code POST /v1/numbers/verify {phone, session_id?}} and {@code POST
 * /v1/numbers/verify-bulk {phones[], session_id?}} (at most
 * {@value NumberChecks#MAX_BULK}).
 */
@RestController
class NumberController {

	private final NumberChecks checks;

	NumberController(NumberChecks checks) {
		this.checks = checks;
	}

	@PostMapping("/v1/numbers/verify")
	ApiResponse<NumberCheckView> verify(@RequestBody Single body, TenantScope scope) {
		if (body == null || body.phone() == null || body.phone().isBlank()) {
			throw ApiException.validation("phone", "is required");
		}
		return ApiResponse.ok(this.checks.check(scope, List.of(body.phone()), body.sessionId()).get(0));
	}

	@PostMapping("/v1/numbers/verify-bulk")
	ApiResponse<List<NumberCheckView>> verifyBulk(@RequestBody Bulk body, TenantScope scope) {
		return ApiResponse.ok(this.checks.check(scope, (body != null) ? body.phones() : null,
				(body != null) ? body.sessionId() : null));
	}

	record Single(String phone, Long sessionId) {
	}

	record Bulk(List<String> phones, Long sessionId) {
	}

}
