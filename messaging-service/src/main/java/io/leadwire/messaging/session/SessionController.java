package io.leadwire.messaging.session;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.context.TenantScope;

/**
 * Sessions (docs/api.md §5) at {@code /v1/waha/sessions} and its alias
 * {@code /v1/sessions}.
 */
@RestController
class SessionController {

	private final Sessions sessions;

	SessionController(Sessions sessions) {
		this.sessions = sessions;
	}

	@GetMapping({ "/v1/waha/sessions", "/v1/sessions" })
	ApiResponse<List<SessionView>> list(TenantScope scope) {
		return ApiResponse.ok(this.sessions.list(scope));
	}

	@PostMapping({ "/v1/waha/sessions", "/v1/sessions" })
	@ResponseStatus(HttpStatus.CREATED) // the status the reference documents
	ResponseEntity<ApiResponse<SessionView>> create(@RequestBody SessionRequest body, TenantScope scope) {
		return ResponseEntity.status(201).body(ApiResponse.created(this.sessions.create(scope, body)));
	}

	@GetMapping({ "/v1/waha/sessions/{id:\\d+}", "/v1/sessions/{id:\\d+}" })
	ApiResponse<SessionView> get(@PathVariable long id, TenantScope scope) {
		return ApiResponse.ok(this.sessions.get(scope, id));
	}

	@DeleteMapping({ "/v1/waha/sessions/{id:\\d+}", "/v1/sessions/{id:\\d+}" })
	ApiResponse<Void> delete(@PathVariable long id, TenantScope scope) {
		this.sessions.delete(scope, id);
		return ApiResponse.ok(null);
	}

}
