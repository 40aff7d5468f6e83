package io.leadwire.leads.lead;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ETags;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.PageRequest;
import io.leadwire.common.api.Pagination;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.phone.PhoneNumbers;
import io.leadwire.common.id.IdAllocator;
import io.leadwire.common.id.IdCodec;
import tools.jackson.databind.ObjectMapper;

/**
 * Leads CRUD (docs/api.md §3), scoped by the caller's tenant and environment: another
 * tenant's lead, or the other environment's, is simply not found.
 */
@RestController
@RequestMapping("/v1/leads")
class LeadController {

	private final LeadStore store;

	private final PhoneNumbers phones;

	private final IdAllocator ids;

	private final ObjectMapper json;

	private final TenantUsers users;

	private final IdCodec codec;

	LeadController(LeadStore store, PhoneNumbers phones, IdAllocator ids, ObjectMapper json, TenantUsers users,
			IdCodec codec) {
		this.codec = codec;
		this.store = store;
		this.phones = phones;
		this.ids = ids;
		this.json = json;
		this.users = users;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED) // the status the reference documents
	ResponseEntity<ApiResponse<LeadView>> create(@RequestBody LeadRequest body, TenantScope scope) {
		LeadDraft draft = LeadDraft.empty().apply(body, this.phones).validate();
		if (draft.assignedTo != null) {
			this.users.requireMember(draft.assignedTo, "assignedTo");
		}
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Lead lead = draft.toLead(this.ids.next(), scope, null, now, now);
		lead = this.store.insert(lead.withEvent(LeadEvents.created(lead, this.json)));
		return ResponseEntity.status(201).body(ApiResponse.created(LeadView.of(lead)));
	}

	@GetMapping("/{id}")
	ResponseEntity<ApiResponse<LeadView>> get(@PathVariable long id, TenantScope scope) {
		return withETag(this.store.find(scope, id).orElseThrow(ApiException::notFound));
	}

	@GetMapping
	ApiResponse<List<LeadView>> list(TenantScope scope, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) String status, @RequestParam(required = false) String qualifier,
			@RequestParam(required = false) String websiteStatus, @RequestParam(required = false) String source,
			@RequestParam(required = false) Long assignedTo, @RequestParam(required = false) String q,
			@RequestParam(required = false) String phone, @RequestParam(required = false) String sort) {
		PageRequest paging = PageRequest.of(page, limit);
		LeadStore.LeadFilter filter = LeadFilters.parse(status, qualifier, websiteStatus, source, assignedTo, q, phone,
				this.phones);
		LeadOrder order = LeadOrder.parse(sort);
		LeadStore.Page result = this.store.list(scope, filter, order, paging,
				(cursor != null && !cursor.isBlank()) ? order.after(cursor, this.codec) : null);
		String next = result.more() ? order.cursorAfter(result.items().get(result.items().size() - 1), this.codec)
				: null;
		return ApiResponse.page(result.items().stream().map(LeadView::of).toList(),
				Pagination.of(paging, result.total(), next));
	}

	@PutMapping("/{id}")
	ResponseEntity<ApiResponse<LeadView>> put(@PathVariable long id, @RequestBody LeadRequest body, TenantScope scope,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		return withETag(update(id, body, scope, ETags.expected(ifMatch)));
	}

	@PatchMapping("/{id}")
	ResponseEntity<ApiResponse<LeadView>> patch(@PathVariable long id, @RequestBody LeadRequest body, TenantScope scope,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		return withETag(update(id, body, scope, ETags.expected(ifMatch)));
	}

	/** Older clients send updates as POST with {@code "_method": "PUT"}. */
	@PostMapping("/{id:\\d+}")
	ResponseEntity<ApiResponse<LeadView>> postUpdate(@PathVariable long id, @RequestBody LeadRequest body,
			TenantScope scope, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		String verb = (body.method() != null) ? body.method().toUpperCase(Locale.ROOT) : "";
		if (!verb.equals("PUT") && !verb.equals("PATCH")) {
			throw new ApiException(405, "method_not_allowed", "POST to a lead needs \"_method\": \"PUT\"");
		}
		return withETag(update(id, body, scope, ETags.expected(ifMatch)));
	}

	/** {@code {assignedTo}}: a user of the same tenant, or {@code null} to unassign. */
	@PostMapping("/{id}/assign")
	ApiResponse<LeadView> assign(@PathVariable long id, @RequestBody LeadRequest.Assignment body, TenantScope scope) {
		if (body == null || body.assignedTo() == null) {
			throw ApiException.validation("assignedTo", "required: a user id, or null to unassign");
		}
		LeadRequest assignment = new LeadRequest(null, null, null, null, null, null, null, null, null, null, null,
				body.assignedTo(), null, null);
		return ApiResponse.ok(LeadView.of(update(id, assignment, scope, null)));
	}

	@DeleteMapping("/{id}")
	ApiResponse<Void> delete(@PathVariable long id, TenantScope scope,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		Lead lead = this.store.find(scope, id).orElseThrow(ApiException::notFound);
		Long expected = ETags.expected(ifMatch);
		if (!this.store.delete(scope, lead, LeadEvents.deleted(lead, this.json), expected)) {
			throw (expected != null && this.store.find(scope, id).isPresent()) ? ETags.stale()
					: ApiException.notFound();
		}
		return ApiResponse.ok(null);
	}

	/**
	 * Leads of the same tenant and environment with the same phone or email, oldest
	 * first.
	 */
	@GetMapping("/{id}/duplicates")
	ApiResponse<List<LeadView>> duplicates(@PathVariable long id, TenantScope scope) {
		Lead lead = this.store.find(scope, id).orElseThrow(ApiException::notFound);
		return ApiResponse.ok(this.store.sharingContact(scope, id, lead.email(), lead.phone(), PageRequest.MAX_LIMIT)
			.stream()
			.map(LeadView::of)
			.toList());
	}

	/**
	 * Applies the fields sent to the lead and writes those fields only (a concurrent
	 * change of another field, a website status included, is kept); with
	 * {@code expectedVersion} (from {@code If-Match}), only if the lead is still at it.
	 */
	private Lead update(long id, LeadRequest body, TenantScope scope, Long expectedVersion) {
		Lead current = this.store.find(scope, id).orElseThrow(ApiException::notFound);
		if (expectedVersion != null && current.version() != expectedVersion) {
			throw ETags.stale();
		}
		LeadDraft draft = LeadDraft.of(current).apply(body, this.phones).validate();
		if (draft.assignedTo != null && !draft.assignedTo.equals(current.assignedTo())) {
			this.users.requireMember(draft.assignedTo, "assignedTo");
		}
		Lead updated = draft.toLead(current.id(), scope, current.duplicateOf(), current.createdAt(),
				Instant.now().truncatedTo(ChronoUnit.MILLIS));
		LeadStore.Written written = this.store.update(scope, updated, LeadEvents.updated(updated, current, this.json),
				draft.touched(), expectedVersion);
		if (written.stale()) {
			throw ETags.stale();
		}
		if (written.lead() == null) {
			throw ApiException.notFound();
		}
		return written.lead();
	}

	private static ResponseEntity<ApiResponse<LeadView>> withETag(Lead lead) {
		return ResponseEntity.ok().eTag(ETags.of(lead.version())).body(ApiResponse.ok(LeadView.of(lead)));
	}

}
