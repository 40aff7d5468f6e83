package io.leadwire.webhooks.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.PageRequest;
import io.leadwire.common.api.Pagination;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.id.IdAllocator;
import io.leadwire.common.id.IdCodec;
import io.leadwire.common.id.RandomUuids;
import io.leadwire.webhooks.EventTypes;
import io.leadwire.webhooks.Payloads;
import io.leadwire.webhooks.endpoint.Endpoint;
import io.leadwire.webhooks.endpoint.Endpoints;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Webhook messages and their delivery log (docs/webhooks.md): the messages
 * ({@code GET /v1/webhooks/messages}, {@code ?status=failed} is the dead-letter list),
 * one message and its attempts, replaying one ({@code POST …/messages/{id}/replay}) or an
 * endpoint's dead ones since a time ({@code POST …/endpoints/{id}/replay}), an endpoint's
 * delivery log ({@code GET …/endpoints/{id}/attempts}) and a test send ({@code POST
 * …/endpoints/{id}/test}).
 */
@RestController
class DeliveryController {

	private static final Set<String> STATUSES = Set.of(WebhookMessage.PENDING, WebhookMessage.DELIVERED,
			WebhookMessage.FAILED);

	private final Deliveries deliveries;

	private final Endpoints endpoints;

	private final Dispatcher dispatcher;

	private final IdCodec ids;

	private final ObjectMapper json;

	private final IdAllocator messageIds;

	DeliveryController(Deliveries deliveries, Endpoints endpoints, Dispatcher dispatcher, IdCodec ids,
			ObjectMapper json, IdAllocator messageIds) {
		this.messageIds = messageIds;
		this.deliveries = deliveries;
		this.endpoints = endpoints;
		this.dispatcher = dispatcher;
		this.ids = ids;
		this.json = json;
	}

	/**
	 * Messages, newest first; filter by {@code endpoint_id}, {@code status}
	 * ({@code pending}, {@code delivered}, {@code failed}: the dead-letter list) and
	 * {@code event_type}.
	 */
	@GetMapping("/v1/webhooks/messages")
	ApiResponse<List<MessageView>> list(TenantScope scope, @RequestParam(required = false) Long endpointId,
			@RequestParam(name = "endpoint_id", required = false) Long endpointIdSnake,
			@RequestParam(required = false) String status, @RequestParam(required = false) String eventType,
			@RequestParam(name = "event_type", required = false) String eventTypeSnake,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer limit) {
		PageRequest paging = PageRequest.of(page, limit);
		if (status != null && !STATUSES.contains(status)) {
			throw ApiException.validation("status", "must be one of pending, delivered, failed");
		}
		Long endpoint = (endpointId != null) ? endpointId : endpointIdSnake;
		String type = (eventType != null) ? eventType : eventTypeSnake;
		List<MessageView> items = this.deliveries.list(scope, endpoint, status, type, paging.offset(), paging.limit())
			.stream()
			.map(MessageView::of)
			.toList();
		return ApiResponse.page(items,
				Pagination.of(paging, this.deliveries.count(scope, endpoint, status, type), null));
	}

	@GetMapping("/v1/webhooks/messages/{id:\\d+}")
	ApiResponse<MessageView> get(TenantScope scope, @PathVariable long id) {
		return ApiResponse.ok(MessageView.of(this.deliveries.require(scope, id)));
	}

	/** The message's attempts, newest first, every round. */
	@GetMapping("/v1/webhooks/messages/{id:\\d+}/attempts")
	ApiResponse<List<AttemptView>> messageAttempts(TenantScope scope, @PathVariable long id,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer limit) {
		this.deliveries.require(scope, id);
		return attempts(scope, null, id, page, limit);
	}

	/**
	 * Sends a delivered or dead-lettered message again, as a new round of attempts (409
	 * while it is still pending).
	 */
	@PostMapping("/v1/webhooks/messages/{id:\\d+}/replay")
	ResponseEntity<ApiResponse<MessageView>> replay(TenantScope scope, @PathVariable long id) {
		MessageView replayed = MessageView.of(this.deliveries.replay(scope, id));
		this.dispatcher.nudge();
		return ResponseEntity.accepted().body(ApiResponse.of(202, replayed));
	}

	/**
	 * Sends the endpoint's dead-lettered messages made since {@code since} again, oldest
	 * first, up to 10,000 per request ({@code more}: call again for the rest).
	 */
	@PostMapping("/v1/webhooks/endpoints/{id:\\d+}/replay")
	ResponseEntity<ApiResponse<Map<String, Object>>> replayEndpoint(TenantScope scope, @PathVariable long id,
			@Valid @RequestBody ReplayRequest request) {
		this.endpoints.require(scope, id);
		Deliveries.Replayed replayed = this.deliveries.replayFailed(scope, id, request.since());
		this.dispatcher.nudge();
		return ResponseEntity.accepted()
			.body(ApiResponse.of(202, Map.of("replayed", replayed.replayed(), "more", replayed.more())));
	}

	/** The endpoint's delivery log: every attempt, newest first. */
	@GetMapping("/v1/webhooks/endpoints/{id:\\d+}/attempts")
	ApiResponse<List<AttemptView>> endpointAttempts(TenantScope scope, @PathVariable long id,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer limit) {
		this.endpoints.require(scope, id);
		return attempts(scope, id, null, page, limit);
	}

	/**
	 * Sends a {@code webhook.test} event to the endpoint (whatever it subscribes to),
	 * signed and retried like any other; the answer is the message, to follow.
	 */
	@PostMapping("/v1/webhooks/endpoints/{id:\\d+}/test")
	ResponseEntity<ApiResponse<MessageView>> test(TenantScope scope, @PathVariable long id,
			@Valid @RequestBody(required = false) TestRequest request) {
		Endpoint endpoint = this.endpoints.require(scope, id);
		Instant now = Instant.now();
		ObjectNode data = this.json.createObjectNode()
			.put("endpointId", this.ids.encode(endpoint.id()))
			.put("environment", scope.environment().name().toLowerCase(java.util.Locale.ROOT))
			.put("message",
					(request != null && request.message() != null) ? request.message() : "A test event from Leadwire");
		WebhookMessage message = WebhookMessage.of(this.messageIds.next(), scope.tenantId(), scope.environment(),
				endpoint.id(), EventTypes.TEST, RandomUuids.next(), null, 0,
				Payloads.render(this.json, EventTypes.TEST, now, data), now,
				endpoint.enabled() ? null : "endpoint_disabled");
		this.deliveries.enqueue(List.of(message));
		this.dispatcher.nudge();
		return ResponseEntity.accepted().body(ApiResponse.of(202, MessageView.of(message)));
	}

	private ApiResponse<List<AttemptView>> attempts(TenantScope scope, Long endpointId, Long messageId, Integer page,
			Integer limit) {
		PageRequest paging = PageRequest.of(page, limit);
		List<AttemptView> items = this.deliveries
			.attempts(scope, endpointId, messageId, paging.offset(), paging.limit())
			.stream()
			.map(AttemptView::of)
			.toList();
		return ApiResponse.page(items,
				Pagination.of(paging, this.deliveries.countAttempts(scope, endpointId, messageId), null));
	}

}
