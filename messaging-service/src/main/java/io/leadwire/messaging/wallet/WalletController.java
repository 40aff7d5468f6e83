package io.leadwire.messaging.wallet;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.bson.Document;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.PageRequest;
import io.leadwire.common.api.Pagination;
import io.leadwire.common.context.RequestContext;
import io.leadwire.common.context.TenantScope;

/**
 * {@code GET /v1/wallet}, {@code GET /v1/wallet/ledger} for the caller's tenant, and
 * {@code POST /v1/wallet/top-up {tenantId, credits, reference?}} for platform
 * administrators only ({@code reference} makes a retried top-up count once).
 */
@RestController
class WalletController {

	private final Wallets wallets;

	WalletController(Wallets wallets) {
		this.wallets = wallets;
	}

	@GetMapping("/v1/wallet")
	ApiResponse<WalletView> wallet(TenantScope scope) {
		return ApiResponse.ok(this.wallets.view(scope));
	}

	@GetMapping("/v1/wallet/ledger")
	ApiResponse<List<Entry>> ledger(TenantScope scope, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer limit) {
		PageRequest paging = PageRequest.of(page, limit);
		return ApiResponse.page(this.wallets.ledger(scope, paging).stream().map(Entry::of).toList(),
				Pagination.of(paging, this.wallets.ledgerCount(scope), null));
	}

	@PostMapping("/v1/wallet/top-up")
	ApiResponse<WalletView> topUp(@RequestBody TopUp body, RequestContext context) {
		context.requireScope(RequestContext.Scope.PLATFORM_ADMIN);
		if (body == null || body.tenantId() == null) {
			throw ApiException.validation("tenantId", "is required: the tenant whose wallet is topped up");
		}
		if (body.credits() == null) {
			throw ApiException.validation("credits", "is required");
		}
		String reference = (body.reference() != null && !body.reference().isBlank()) ? body.reference().strip()
				: UUID.randomUUID().toString();
		if (reference.length() > 100) {
			throw ApiException.validation("reference", "at most 100 characters");
		}
		return ApiResponse.ok(this.wallets.topUp(body.tenantId(), body.credits(), reference));
	}

	record TopUp(Long tenantId, Long credits, String reference) {
	}

	/**
	 * A ledger entry: a debit (negative) or refund of a message, or a top-up with the
	 * reference it was made with (the internal key of an entry never leaves the service:
	 * it holds internal ids).
	 */
	record Entry(String reference, long amount, String reason, Long messageId, Instant at) {

		static Entry of(Document entry) {
			Object message = entry.get("messageId");
			String key = entry.getString("_id");
			String reference = key.startsWith("topup:") ? key.substring("topup:".length()) : null;
			return new Entry(reference, ((Number) entry.get("amount")).longValue(), entry.getString("reason"),
					(message instanceof Number number) ? number.longValue() : null, entry.getDate("at").toInstant());
		}

	}

}
