package io.leadwire.messaging.template;

import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.PageRequest;
import io.leadwire.common.api.Pagination;
import io.leadwire.common.context.TenantScope;

/**
 * Message templates (docs/templates.md): {@code GET/POST /v1/templates},
 * {@code GET/PUT/DELETE /v1/templates/{id}}, {@code POST /v1/templates/{id}/submit}
 * (submit again: to a Cloud number connected since, or after Meta could not be reached).
 */
@RestController
class TemplateController {

	private final Templates templates;

	private final TemplateStore store;

	TemplateController(Templates templates, TemplateStore store) {
		this.templates = templates;
		this.store = store;
	}

	@GetMapping("/v1/templates")
	ApiResponse<List<TemplateView>> list(TenantScope scope, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer limit) {
		PageRequest paging = PageRequest.of(page, limit);
		List<TemplateView> items = this.templates.list(scope, (int) paging.offset(), paging.limit())
			.stream()
			.map(TemplateView::of)
			.toList();
		return ApiResponse.page(items, Pagination.of(paging, this.templates.count(scope), null));
	}

	@PostMapping("/v1/templates")
	@ResponseStatus(HttpStatus.CREATED)
	org.springframework.http.ResponseEntity<ApiResponse<TemplateView>> create(TenantScope scope,
			@Valid @RequestBody TemplateRequest request) {
		return org.springframework.http.ResponseEntity.status(201)
			.body(ApiResponse.created(TemplateView.of(this.templates.create(scope, request))));
	}

	/**
	 * With {@code session_id}, also what the template is on that session
	 * ({@code forSession}: whether Meta's customer window holds it, the review there,
	 * whether it may be sent).
	 */
	@GetMapping("/v1/templates/{id:\\d+}")
	ApiResponse<TemplateView> get(TenantScope scope, @PathVariable long id,
			@RequestParam(required = false) Long sessionId,
			@RequestParam(name = "session_id", required = false) Long sessionIdSnake) {
		Template template = this.templates.require(scope, id);
		Long session = (sessionId != null) ? sessionId : sessionIdSnake;
		return ApiResponse.ok(TemplateView.of(template,
				(session != null) ? this.templates.forSession(scope, template, session) : null));
	}

	@PutMapping("/v1/templates/{id:\\d+}")
	ApiResponse<TemplateView> update(TenantScope scope, @PathVariable long id,
			@Valid @RequestBody TemplateRequest request) {
		return ApiResponse.ok(TemplateView.of(this.templates.update(scope, id, request)));
	}

	@PostMapping("/v1/templates/{id:\\d+}/submit")
	ApiResponse<TemplateView> submit(TenantScope scope, @PathVariable long id) {
		return ApiResponse.ok(TemplateView.of(this.templates.submit(scope, id)));
	}

	@DeleteMapping("/v1/templates/{id:\\d+}")
	ApiResponse<Void> delete(TenantScope scope, @PathVariable long id) {
		this.templates.delete(scope, id);
		return ApiResponse.ok(null);
	}

	/** Deleted templates leave once their {@code TemplateDeleted} event is out. */
	@Scheduled(fixedDelayString = "${leadwire.messaging.purge-interval:60s}")
	void purgeDeleted() {
		this.store.purgeDeleted();
	}

}
