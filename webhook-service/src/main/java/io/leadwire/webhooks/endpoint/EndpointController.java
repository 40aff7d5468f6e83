package io.leadwire.webhooks.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.ETags;
import io.leadwire.common.api.PageRequest;
import io.leadwire.common.api.Pagination;
import io.leadwire.common.context.TenantScope;
import io.leadwire.webhooks.EventTypes;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhook endpoints (docs/webhooks.md): {@code GET/POST /v1/webhooks/endpoints},
 * {@code GET/PATCH/DELETE /v1/webhooks/endpoints/{id}}, {@code POST
 * /v1/webhooks/endpoints/{id}/rotate-secret}, and the event types they may subscribe to
 * ({@code GET /v1/webhooks/event-types}).
 */
@RestController
class EndpointController {

	private final Endpoints endpoints;

	EndpointController(Endpoints endpoints) {
		this.endpoints = endpoints;
	}

	/** The event types an endpoint may subscribe to, with what each means. */
	@GetMapping("/v1/webhooks/event-types")
	ApiResponse<List<EventTypeView>> eventTypes() {
		return ApiResponse.ok(EventTypes.CATALOGUE.entrySet()
			.stream()
			.map((type) -> new EventTypeView(type.getKey(), type.getValue()))
			.toList());
	}

	/**
	 * @param name what {@code eventTypes} lists and the payload's {@code type} says
	 * @param description when it is sent
	 */
	record EventTypeView(String name, String description) {
	}

	@GetMapping("/v1/webhooks/endpoints")
	ApiResponse<List<EndpointView>> list(TenantScope scope, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer limit) {
		PageRequest paging = PageRequest.of(page, limit);
		Instant now = Instant.now();
		List<EndpointView> items = this.endpoints.list(scope, paging.offset(), paging.limit())
			.stream()
			.map((endpoint) -> EndpointView.of(endpoint, null, now))
			.toList();
		return ApiResponse.page(items, Pagination.of(paging, this.endpoints.count(scope), null));
	}

	/**
	 * Creates an endpoint; its signing secret ({@code secret}, {@code whsec_…}) is in
	 * this answer only.
	 */
	@PostMapping("/v1/webhooks/endpoints")
	ResponseEntity<ApiResponse<EndpointView>> create(TenantScope scope, @Valid @RequestBody NewEndpoint request) {
		Endpoints.Created created = this.endpoints.create(scope, request);
		return ResponseEntity.status(201)
			.eTag(ETags.of(created.endpoint().version()))
			.body(ApiResponse.created(EndpointView.of(created.endpoint(), created.secret(), Instant.now())));
	}

	@GetMapping("/v1/webhooks/endpoints/{id:\\d+}")
	ResponseEntity<ApiResponse<EndpointView>> get(TenantScope scope, @PathVariable long id) {
		Endpoint endpoint = this.endpoints.require(scope, id);
		return ResponseEntity.ok()
			.eTag(ETags.of(endpoint.version()))
			.body(ApiResponse.ok(EndpointView.of(endpoint, null, Instant.now())));
	}

	/**
	 * Changes the fields given; {@code "enabled": true} enables an endpoint the platform
	 * disabled. With {@code If-Match}, only from that version (412 otherwise).
	 */
	@PatchMapping("/v1/webhooks/endpoints/{id:\\d+}")
	ResponseEntity<ApiResponse<EndpointView>> update(TenantScope scope, @PathVariable long id,
			@Valid @RequestBody EndpointRequest request,
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		Endpoint endpoint = this.endpoints.update(scope, id, request, ifMatch);
		return ResponseEntity.ok()
			.eTag(ETags.of(endpoint.version()))
			.body(ApiResponse.ok(EndpointView.of(endpoint, null, Instant.now())));
	}

	/** Deletes the endpoint, its undelivered messages and its delivery log. */
	@DeleteMapping("/v1/webhooks/endpoints/{id:\\d+}")
	ApiResponse<Map<String, Boolean>> delete(TenantScope scope, @PathVariable long id) {
		this.endpoints.delete(scope, id);
		return ApiResponse.ok(Map.of("deleted", true));
	}

	/**
	 * A new signing secret ({@code secret}, in this answer only). The previous one keeps
	 * signing beside it for {@code grace_period_seconds} (default a day, at most seven),
	 * so receivers can switch without losing a delivery.
	 */
	@PostMapping("/v1/webhooks/endpoints/{id:\\d+}/rotate-secret")
	ResponseEntity<ApiResponse<EndpointView>> rotate(TenantScope scope, @PathVariable long id,
			@Valid @RequestBody(required = false) SecretRotation request,
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		Duration grace = (request != null && request.gracePeriodSeconds() != null)
				? Duration.ofSeconds(request.gracePeriodSeconds()) : Endpoints.DEFAULT_GRACE;
		Endpoints.Created rotated = this.endpoints.rotate(scope, id, grace, ifMatch);
		return ResponseEntity.ok()
			.eTag(ETags.of(rotated.endpoint().version()))
			.body(ApiResponse.ok(EndpointView.of(rotated.endpoint(), rotated.secret(), Instant.now())));
	}

}
