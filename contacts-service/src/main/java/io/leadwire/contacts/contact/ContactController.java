package io.leadwire.contacts.contact;

import java.util.List;
import java.util.Locale;

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
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.ETags;
import io.leadwire.common.context.TenantScope;

/**
 * Contacts (docs/api.md §4) on their canonical routes; {@link ContactRpcController}
 * serves the older API's forms of the same operations.
 */
@RestController
@RequestMapping("/v1/contacts")
class ContactController {

	private final Contacts contacts;

	private final ContactQueries queries;

	ContactController(Contacts contacts, ContactQueries queries) {
		this.contacts = contacts;
		this.queries = queries;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED) // the status the reference documents
	ResponseEntity<ApiResponse<ContactView>> create(@RequestBody ContactRequest body, TenantScope scope) {
		Contact contact = this.contacts.create(scope, body);
		return ResponseEntity.status(201)
			.eTag(ETags.of(contact.version()))
			.body(ApiResponse.created(ContactView.of(contact)));
	}

	/** The list; {@code /contacts/list} is the older API's name for it. */
	@GetMapping({ "", "/list" })
	ApiResponse<List<ContactView>> list(TenantScope scope, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Long groupId,
			@RequestParam(name = "group_id", required = false) Long groupIdSnake,
			@RequestParam(required = false) Boolean favorite, @RequestParam(required = false) Boolean optedOut,
			@RequestParam(name = "opted_out", required = false) Boolean optedOutSnake,
			@RequestParam(required = false) String search) {
		return this.queries.list(scope, this.queries.filter(scope, groupId, groupIdSnake, favorite,
				(optedOut != null) ? optedOut : optedOutSnake, search), page, limit, cursor);
	}

	@GetMapping("/{id:\\d+}")
	ResponseEntity<ApiResponse<ContactView>> get(@PathVariable long id, TenantScope scope) {
		return withETag(this.contacts.get(scope, id));
	}

	@PutMapping("/{id:\\d+}")
	ResponseEntity<ApiResponse<ContactView>> put(@PathVariable long id, @RequestBody ContactRequest body,
			TenantScope scope, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		return withETag(this.contacts.update(scope, id, body, ETags.expected(ifMatch)));
	}

	@PatchMapping("/{id:\\d+}")
	ResponseEntity<ApiResponse<ContactView>> patch(@PathVariable long id, @RequestBody ContactRequest body,
			TenantScope scope, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		return withETag(this.contacts.update(scope, id, body, ETags.expected(ifMatch)));
	}

	/** Older clients send updates as POST with {@code "_method": "PUT"}. */
	@PostMapping("/{id:\\d+}")
	ResponseEntity<ApiResponse<ContactView>> postUpdate(@PathVariable long id, @RequestBody ContactRequest body,
			TenantScope scope, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		String verb = (body != null && body.method() != null) ? body.method().toUpperCase(Locale.ROOT) : "";
		if (!verb.equals("PUT") && !verb.equals("PATCH")) {
			throw new ApiException(405, "method_not_allowed", "POST to a contact needs \"_method\": \"PUT\"");
		}
		return withETag(this.contacts.update(scope, id, body, ETags.expected(ifMatch)));
	}

	@DeleteMapping("/{id:\\d+}")
	ApiResponse<Void> delete(@PathVariable long id, TenantScope scope,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		this.contacts.delete(scope, id, ETags.expected(ifMatch));
		return ApiResponse.ok(null);
	}

	@PostMapping("/{id:\\d+}/favorite")
	ResponseEntity<ApiResponse<ContactView>> toggleFavorite(@PathVariable long id, TenantScope scope) {
		return withETag(this.contacts.toggleFavorite(scope, id));
	}

	@PostMapping("/{id:\\d+}/opt-out")
	ResponseEntity<ApiResponse<ContactView>> optOut(@PathVariable long id,
			@RequestBody(required = false) OptOutRequest body, TenantScope scope) {
		String reason = (body != null) ? body.reason() : null;
		if (reason != null && reason.length() > 500) {
			throw ApiException.validation("reason", "at most 500 characters");
		}
		return withETag(this.contacts.optOut(scope, id, reason));
	}

	@PostMapping("/{id:\\d+}/opt-in")
	ResponseEntity<ApiResponse<ContactView>> optIn(@PathVariable long id, TenantScope scope) {
		return withETag(this.contacts.optIn(scope, id));
	}

	@PostMapping("/bulk-delete")
	ApiResponse<Contacts.BulkDeleted> bulkDelete(@RequestBody BulkDeleteRequest body, TenantScope scope) {
		return ApiResponse.ok(this.contacts.bulkDelete(scope, (body != null) ? body.ids() : null));
	}

	@PostMapping("/bulk-assign-group")
	ApiResponse<Contacts.BulkAssigned> bulkAssignGroup(@RequestBody BulkAssignRequest body, TenantScope scope) {
		if (body == null) {
			throw ApiException.validation("contactIds", "is required");
		}
		return ApiResponse.ok(this.contacts.assignGroup(scope, body.contactIds(), body.groupId()));
	}

	static ResponseEntity<ApiResponse<ContactView>> withETag(Contact contact) {
		return ResponseEntity.ok().eTag(ETags.of(contact.version())).body(ApiResponse.ok(ContactView.of(contact)));
	}

	/** {@code {ids}}: at most {@value Contacts#MAX_BULK}. */
	record BulkDeleteRequest(List<Long> ids) {
	}

	/** {@code {contactIds|contact_ids, groupId|group_id}}. */
	record BulkAssignRequest(List<Long> contactIds, Long groupId) {
	}

	/** {@code {reason}}, optional. */
	record OptOutRequest(String reason) {
	}

}
