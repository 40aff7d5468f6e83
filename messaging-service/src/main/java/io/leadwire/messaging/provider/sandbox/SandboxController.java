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

	private final io.leadwire.messaging.session.Sessions sessions;

	private final io.leadwire.messaging.template.Templates templates;

	SandboxController(SandboxStore store, PhoneNumbers phones, io.leadwire.messaging.session.Sessions sessions,
			io.leadwire.messaging.template.Templates templates) {
		this.store = store;
		this.phones = phones;
		this.sessions = sessions;
		this.templates = templates;
	}

	/**
	 * Simulates Meta's review of a template the sandbox reviewed (test data, or live data
	 * of a platform whose sessions are the sandbox's): {@code event} as Meta's
	 * {@code message_template_status_update} names it ({@code APPROVED},
	 * {@code REJECTED}, {@code PAUSED}, {@code DISABLED}, {@code PENDING}, …) with an
	 * optional {@code reason} ({@code INVALID_FORMAT}, …), applied as Meta's webhook is.
	 */
	@org.springframework.web.bind.annotation.PostMapping("/v1/sandbox/templates/{templateId:\\d+}/review")
	ApiResponse<Map<String, Object>> review(TenantScope scope,
			@org.springframework.web.bind.annotation.PathVariable long templateId,
			@jakarta.validation.Valid @org.springframework.web.bind.annotation.RequestBody ReviewRequest body) {
		io.leadwire.messaging.template.Template template = this.templates.require(scope, templateId);
		io.leadwire.messaging.template.Template.Review held = template
			.review(io.leadwire.messaging.template.Templates.SANDBOX);
		if (held == null) {
			throw ApiException.validation("templateId", "this template is reviewed by Meta, not by the sandbox");
		}
		this.templates.reviewed(io.leadwire.messaging.template.Templates.SANDBOX, held.metaTemplateId(), body.event(),
				body.reason(), Instant.now());
		io.leadwire.messaging.template.Template.Review review = this.templates.require(scope, templateId)
			.review(io.leadwire.messaging.template.Templates.SANDBOX);
		Map<String, Object> view = new java.util.LinkedHashMap<>();
		view.put("templateId", templateId);
		view.put("status", review.status());
		view.put("reason", review.reason());
		return ApiResponse.ok(view);
	}

	/** {@code {event, reason?}}. */
	record ReviewRequest(@jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Pattern(
			regexp = "APPROVED|REJECTED|PENDING|PAUSED|DISABLED|FLAGGED|REINSTATED|IN_APPEAL",
			message = "one of APPROVED, REJECTED, PENDING, PAUSED, DISABLED, FLAGGED, REINSTATED, IN_APPEAL") String event,
			@jakarta.validation.constraints.Size(max = 500) String reason) {
	}

	/**
	 * Simulates what Meta says of a sandbox session's number (docs/deliverability.md): a
	 * quality rating ({@code GREEN}, {@code YELLOW}, {@code RED}) and a messaging limit
	 * tier ({@code TIER_50} … {@code TIER_UNLIMITED}, or a number of recipients), as if
	 * Meta's webhook had come — the session's campaigns react as they would to a real
	 * one; a session playing a Cloud number then also refuses new recipients past the
	 * limit with Meta's {@code 131048}, as Meta does. Answers the session's
	 * {@code numberHealth}.
	 */
	@org.springframework.web.bind.annotation.PostMapping("/v1/sandbox/sessions/{sessionId:\\d+}/number-health")
	ApiResponse<Map<String, Object>> simulate(TenantScope scope,
			@org.springframework.web.bind.annotation.PathVariable long sessionId,
			@org.springframework.web.bind.annotation.RequestBody(required = false) NumberHealthRequest body) {
		if (body == null || (body.qualityRating() == null && body.messagingLimitTier() == null)) {
			throw ApiException.validation("qualityRating", "give a qualityRating, a messagingLimitTier or both");
		}
		String quality = null;
		if (body.qualityRating() != null) {
			quality = io.leadwire.messaging.provider.NumberHealth.quality(body.qualityRating());
			if (quality == null) {
				throw ApiException.validation("qualityRating", "one of GREEN, YELLOW, RED, UNKNOWN");
			}
		}
		String tier = null;
		if (body.messagingLimitTier() != null) {
			tier = io.leadwire.messaging.provider.NumberHealth.tier(body.messagingLimitTier());
			if (tier == null) {
				throw ApiException.validation("messagingLimitTier",
						"one of TIER_50, TIER_250, TIER_1K, TIER_2K, TIER_10K, TIER_100K, TIER_UNLIMITED");
			}
		}
		io.leadwire.messaging.session.Session session = this.sessions.simulateHealth(scope, sessionId, quality, tier);
		if (tier != null) {
			this.store.simulateLimit(session.providerSession(),
					io.leadwire.messaging.provider.NumberHealth.limitOf(tier));
		}
		io.leadwire.messaging.provider.NumberHealth health = session.health();
		Map<String, Object> view = new java.util.LinkedHashMap<>();
		view.put("sessionId", session.id());
		view.put("qualityRating", health.qualityRating());
		view.put("messagingLimitTier", health.messagingLimitTier());
		view.put("messagingLimit", health.messagingLimit());
		view.put("throughput", health.throughput());
		return ApiResponse.ok(view);
	}

	/** {@code {quality_rating?, messaging_limit_tier?}}. */
	record NumberHealthRequest(String qualityRating, String messagingLimitTier) {
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
