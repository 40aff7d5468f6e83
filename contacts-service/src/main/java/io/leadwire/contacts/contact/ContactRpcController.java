package io.leadwire.contacts.contact;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.ETags;
import io.leadwire.common.context.TenantScope;

/**
 * The older API's RPC forms of the contacts operations, exactly as its documentation
 * calls them under {@code /public/api/contacts/…} (every docs/api.md §7 prefix reaches
 * them as {@code /v1/contacts/…}): the contact's id travels in the query ({@code get}) or
 * the body ({@code update}, {@code delete}, {@code toggle-favorite}). Same rules and
 * responses as the canonical routes; {@code /contacts/list} is served with the canonical
 * list.
 */
@RestController
@RequestMapping("/v1/contacts")
class ContactRpcController {

	private final Contacts contacts;

	ContactRpcController(Contacts contacts) {
		this.contacts = contacts;
	}

	@GetMapping("/get")
	ResponseEntity<ApiResponse<ContactView>> get(@RequestParam(required = false) Long id, TenantScope scope) {
		return ContactController.withETag(this.contacts.get(scope, required(id)));
	}

	@PostMapping("/create")
	@ResponseStatus(HttpStatus.CREATED) // the status the reference documents
	ResponseEntity<ApiResponse<ContactView>> create(@RequestBody ContactRequest body, TenantScope scope) {
		Contact contact = this.contacts.create(scope, body);
		return ResponseEntity.status(201)
			.eTag(ETags.of(contact.version()))
			.body(ApiResponse.created(ContactView.of(contact)));
	}

	@PostMapping("/update")
	ResponseEntity<ApiResponse<ContactView>> update(@RequestBody ContactRequest body, TenantScope scope) {
		return ContactController
			.withETag(this.contacts.update(scope, required((body != null) ? body.id() : null), body, null));
	}

	@PostMapping("/delete")
	ApiResponse<Void> delete(@RequestBody ContactRequest.ById body, TenantScope scope) {
		this.contacts.delete(scope, required((body != null) ? body.id() : null), null);
		return ApiResponse.ok(null);
	}

	@PostMapping("/toggle-favorite")
	ResponseEntity<ApiResponse<ContactView>> toggleFavorite(@RequestBody ContactRequest.ById body, TenantScope scope) {
		return ContactController
			.withETag(this.contacts.toggleFavorite(scope, required((body != null) ? body.id() : null)));
	}

	private static long required(Long id) {
		if (id == null) {
			throw ApiException.validation("id", "is required: the contact's id");
		}
		return id;
	}

}
