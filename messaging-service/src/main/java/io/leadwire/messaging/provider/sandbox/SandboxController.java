package io.leadwire.messaging.provider.sandbox;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bson.Document;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.PageRequest;
import io.leadwire.common.api.Pagination;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.phone.InvalidPhoneNumberException;
import io.leadwire.common.phone.PhoneNumbers;

/**
 * The sandbox's mail trap (docs/api.md §5): {@code GET /v1/sandbox/messages} lists what
 * the caller's sandbox sessions sent, newest first, each with the exact request the real
 * provider would have received; filters {@code sessionId}, {@code to},
 * {@code campaignId}; paged.
 */
@RestController
class SandboxController {

	private final SandboxStore store;

	private final PhoneNumbers phones;

	SandboxController(SandboxStore store, PhoneNumbers phones) {
		this.store = store;
		this.phones = phones;
	}

	@GetMapping("/v1/sandbox/messages")
	ApiResponse<List<Received>> list(TenantScope scope, @RequestParam(required = false) Long sessionId,
			@RequestParam(name = "session_id", required = false) Long sessionIdSnake,
			@RequestParam(required = false) String to, @RequestParam(required = false) Long campaignId,
			@RequestParam(name = "campaign_id", required = false) Long campaignIdSnake,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer limit) {
		PageRequest paging = PageRequest.of(page, limit);
		Long session = (sessionId != null) ? sessionId : sessionIdSnake;
		Long campaign = (campaignId != null) ? campaignId : campaignIdSnake;
		String recipient = null;
		if (to != null && !to.isBlank()) {
			try {
				recipient = this.phones.toE164(to);
			}
			catch (InvalidPhoneNumberException ex) {
				throw ApiException.validation("to", ex.getMessage());
			}
		}
		List<Received> items = this.store
			.received(scope, session, recipient, campaign, (int) paging.offset(), paging.limit())
			.stream()
			.map(Received::of)
			.toList();
		return ApiResponse.page(items,
				Pagination.of(paging, this.store.count(scope, session, recipient, campaign), null));
	}

	/**
	 * One message the sandbox received; {@code providerRef} is the id it answered with,
	 * as WAHA would (an external id, passed through untouched).
	 */
	record Received(String providerRef, long messageId, long sessionId, Long campaignId, String to, String type,
			Map<String, Object> request, Instant receivedAt) {

		static Received of(Document document) {
			Object campaign = document.get("campaignId");
			return new Received(document.getString("_id"), ((Number) document.get("messageId")).longValue(),
					((Number) document.get("sessionId")).longValue(),
					(campaign instanceof Number number) ? number.longValue() : null, document.getString("to"),
					document.getString("type"), document.get("request", Document.class),
					document.get("receivedAt", Date.class).toInstant());
		}

	}

}
