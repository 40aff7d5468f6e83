package io.leadwire.leads.lead;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.PageRequest;
import io.leadwire.common.api.Pagination;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.id.IdAllocator;
import tools.jackson.databind.JsonNode;

/**
 * Leads CRUD (API.md §3), scoped by the caller's tenant and environment: another tenant's
 * lead, or the other environment's, is simply not found.
 */
@RestController
@RequestMapping("/v1/leads")
class LeadController {

	private static final Map<String, Sort> SORTS = Map.of("createdAt", Sort.by("createdAt", "_id"), "-createdAt",
			Sort.by(Sort.Direction.DESC, "createdAt", "_id"), "name", Sort.by("name", "_id"), "-name",
			Sort.by(Sort.Direction.DESC, "name", "_id"), "score", Sort.by("score", "_id"), "-score",
			Sort.by(Sort.Direction.DESC, "score", "_id"), "updatedAt", Sort.by("updatedAt", "_id"), "-updatedAt",
			Sort.by(Sort.Direction.DESC, "updatedAt", "_id"));

	private final LeadStore store;

	private final PhoneNumbers phones;

	private final IdAllocator ids;

	LeadController(LeadStore store, PhoneNumbers phones, IdAllocator ids) {
		this.store = store;
		this.phones = phones;
		this.ids = ids;
	}

	@PostMapping
	ResponseEntity<ApiResponse<LeadView>> create(@RequestBody JsonNode body, TenantScope scope) {
		LeadDraft draft = LeadDraft.empty().apply(body, this.phones).validate();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Lead lead = this.store.insert(toLead(this.ids.next(), scope, draft, null, now, now));
		return ResponseEntity.status(201).body(ApiResponse.created(LeadView.of(lead)));
	}

	@GetMapping("/{id}")
	ApiResponse<LeadView> get(@PathVariable long id, TenantScope scope) {
		return ApiResponse.ok(LeadView.of(this.store.find(scope, id).orElseThrow(ApiException::notFound)));
	}

	@GetMapping
	ApiResponse<List<LeadView>> list(TenantScope scope, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String status,
			@RequestParam(required = false) String qualifier, @RequestParam(required = false) String websiteStatus,
			@RequestParam(required = false) String source, @RequestParam(required = false) Long assignedTo,
			@RequestParam(required = false) String q, @RequestParam(required = false) String sort) {
		PageRequest paging = PageRequest.of(page, limit);
		LeadStore.LeadFilter filter = LeadFilters.parse(status, qualifier, websiteStatus, source, assignedTo, q);
		Sort order = SORTS.get((sort == null) ? "-createdAt" : sort);
		if (order == null) {
			throw ApiException.validation("sort",
					"one of " + String.join(", ", SORTS.keySet().stream().sorted().toList()));
		}
		LeadStore.Page result = this.store.list(scope, filter, order, paging);
		return ApiResponse.page(result.items().stream().map(LeadView::of).toList(),
				Pagination.of(paging, result.total(), null));
	}

	@PutMapping("/{id}")
	ApiResponse<LeadView> put(@PathVariable long id, @RequestBody JsonNode body, TenantScope scope) {
		return ApiResponse.ok(update(id, body, scope));
	}

	@PatchMapping("/{id}")
	ApiResponse<LeadView> patch(@PathVariable long id, @RequestBody JsonNode body, TenantScope scope) {
		return ApiResponse.ok(update(id, body, scope));
	}

	/** Older clients send updates as POST with {@code "_method": "PUT"}. */
	@PostMapping("/{id}")
	ApiResponse<LeadView> postUpdate(@PathVariable long id, @RequestBody JsonNode body, TenantScope scope) {
		JsonNode method = body.get("_method");
		String verb = (method != null && method.isString()) ? method.asString().toUpperCase(Locale.ROOT) : "";
		if (!verb.equals("PUT") && !verb.equals("PATCH")) {
			throw new ApiException(405, "method_not_allowed", "POST to a lead needs \"_method\": \"PUT\"");
		}
		return ApiResponse.ok(update(id, body, scope));
	}

	@DeleteMapping("/{id}")
	ApiResponse<Void> delete(@PathVariable long id, TenantScope scope) {
		if (!this.store.delete(scope, id)) {
			throw ApiException.notFound();
		}
		return ApiResponse.ok(null);
	}

	private LeadView update(long id, JsonNode body, TenantScope scope) {
		Lead current = this.store.find(scope, id).orElseThrow(ApiException::notFound);
		LeadDraft draft = LeadDraft.of(current).apply(body, this.phones).validate();
		Lead updated = toLead(current.id(), scope, draft, current.duplicateOf(), current.createdAt(),
				Instant.now().truncatedTo(ChronoUnit.MILLIS));
		return LeadView.of(this.store.replace(updated));
	}

	private static Lead toLead(long id, TenantScope scope, LeadDraft draft, Long duplicateOf, Instant createdAt,
			Instant updatedAt) {
		return new Lead(id, scope.tenantId(), scope.environment(), draft.firstName, draft.lastName, draft.name,
				draft.email, draft.phone, draft.website, draft.websiteStatus, draft.qualifier, draft.source,
				draft.status, draft.score, draft.assignedTo, draft.customFields, duplicateOf, createdAt, updatedAt);
	}

}
