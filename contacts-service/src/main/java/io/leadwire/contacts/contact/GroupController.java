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
import io.leadwire.common.api.PageRequest;
import io.leadwire.common.api.Pagination;
import io.leadwire.common.context.TenantScope;

/**
 * Contact groups (docs/api.md §4), canonical routes and the older RPC forms
 * ({@code /contacts/groups/create|update|delete}, the id in the body).
 */
@RestController
@RequestMapping("/v1/contacts/groups")
class GroupController {

	private final Groups groups;

	GroupController(Groups groups) {
		this.groups = groups;
	}

	@GetMapping
	ApiResponse<List<GroupView>> list(TenantScope scope, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer limit) {
		PageRequest paging = PageRequest.of(page, limit);
		return ApiResponse.page(this.groups.list(scope, paging), Pagination.of(paging, this.groups.count(scope), null));
	}

	@PostMapping({ "", "/create" })
	@ResponseStatus(HttpStatus.CREATED) // the status the reference documents
	ResponseEntity<ApiResponse<GroupView>> create(@RequestBody GroupRequest body, TenantScope scope) {
		return ResponseEntity.status(201).body(ApiResponse.created(this.groups.create(scope, body)));
	}

	@GetMapping("/{id:\\d+}")
	ApiResponse<GroupView> get(@PathVariable long id, TenantScope scope) {
		return ApiResponse.ok(this.groups.get(scope, id));
	}

	@PutMapping("/{id:\\d+}")
	ApiResponse<GroupView> put(@PathVariable long id, @RequestBody GroupRequest body, TenantScope scope,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		return ApiResponse.ok(this.groups.update(scope, id, body, ETags.expected(ifMatch)));
	}

	@PatchMapping("/{id:\\d+}")
	ApiResponse<GroupView> patch(@PathVariable long id, @RequestBody GroupRequest body, TenantScope scope,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		return ApiResponse.ok(this.groups.update(scope, id, body, ETags.expected(ifMatch)));
	}

	/** Older clients send updates as POST with {@code "_method": "PUT"}. */
	@PostMapping("/{id:\\d+}")
	ApiResponse<GroupView> postUpdate(@PathVariable long id, @RequestBody GroupRequest body, TenantScope scope) {
		String verb = (body != null && body.method() != null) ? body.method().toUpperCase(Locale.ROOT) : "";
		if (!verb.equals("PUT") && !verb.equals("PATCH")) {
			throw new ApiException(405, "method_not_allowed", "POST to a group needs \"_method\": \"PUT\"");
		}
		return ApiResponse.ok(this.groups.update(scope, id, body, null));
	}

	@DeleteMapping("/{id:\\d+}")
	ApiResponse<Void> delete(@PathVariable long id, TenantScope scope) {
		this.groups.delete(scope, id);
		return ApiResponse.ok(null);
	}

	/** Update a group (the older API's form: the id in the body). */
	@PostMapping("/update")
	ApiResponse<GroupView> rpcUpdate(@RequestBody GroupRequest body, TenantScope scope) {
		return ApiResponse.ok(this.groups.update(scope, required(body), body, null));
	}

	/** Delete a group (the older API's form: the id in the body). */
	@PostMapping("/delete")
	ApiResponse<Void> rpcDelete(@RequestBody GroupRequest body, TenantScope scope) {
		this.groups.delete(scope, required(body));
		return ApiResponse.ok(null);
	}

	private static long required(GroupRequest body) {
		if (body == null || body.id() == null) {
			throw ApiException.validation("id", "is required: the group's id");
		}
		return body.id();
	}

}
