package io.leadwire.messaging.message;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.PageRequest;
import io.leadwire.common.api.Pagination;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.id.IdCodec;

/**
 * Sends and the send log (docs/api.md §5): {@code POST /v1/waha/send} (alias
 * {@code POST /v1/messages}) answers 202 {@code {messageId, status}} at once; {@code GET
 * /v1/messages/{id}} with its status history; {@code GET /v1/messages} filtered and
 * cursor-paged, newest first.
 */
@RestController
class MessageController {

	private final Sends sends;

	private final IdCodec codec;

	private final MessageActivity activity;

	MessageController(Sends sends, IdCodec codec, MessageActivity activity) {
		this.sends = sends;
		this.codec = codec;
		this.activity = activity;
	}

	/**
	 * The last hour of outbound messages: created per minute, and by status now (the
	 * console's dashboard charts).
	 */
	@GetMapping("/v1/messages/activity")
	ApiResponse<MessageActivity.Activity> activity(TenantScope scope) {
		return ApiResponse.ok(this.activity.lastHour(scope, java.time.Instant.now()));
	}

	@PostMapping({ "/v1/waha/send", "/v1/messages" })
	@ResponseStatus(HttpStatus.ACCEPTED) // the status the reference documents
	ResponseEntity<ApiResponse<Accepted>> send(@RequestBody SendRequest body, TenantScope scope) {
		Message message = this.sends.send(scope, body);
		return ResponseEntity.status(202)
			.body(ApiResponse.of(202, new Accepted(message.id(), message.id(), message.status())));
	}

	@GetMapping("/v1/messages/{id:\\d+}")
	ApiResponse<MessageView> get(@PathVariable long id, TenantScope scope) {
		return ApiResponse.ok(MessageView.of(this.sends.get(scope, id)));
	}

	@GetMapping("/v1/messages")
	ApiResponse<List<MessageView>> list(TenantScope scope, @RequestParam(required = false) Long sessionId,
			@RequestParam(name = "session_id", required = false) Long sessionIdSnake,
			@RequestParam(required = false) String status, @RequestParam(required = false) String to,
			@RequestParam(required = false) Long campaignId,
			@RequestParam(name = "campaign_id", required = false) Long campaignIdSnake,
			@RequestParam(required = false) String direction, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		PageRequest paging = PageRequest.of(1, limit);
		Long after = null;
		if (cursor != null && !cursor.isBlank()) {
			after = this.codec.decode(cursor.strip())
				.stream()
				.boxed()
				.findFirst()
				.orElseThrow(() -> ApiException.validation("cursor", "is not a cursor this list gave"));
		}
		var filter = this.sends.filter((sessionId != null) ? sessionId : sessionIdSnake, status, to,
				(campaignId != null) ? campaignId : campaignIdSnake, direction);
		List<Message> page = this.sends.list(scope, filter, after, paging.limit() + 1);
		boolean more = page.size() > paging.limit();
		List<Message> items = more ? page.subList(0, paging.limit()) : page;
		String next = more ? this.codec.encode(items.get(items.size() - 1).id()) : null;
		return ApiResponse.page(items.stream().map(MessageView::of).toList(),
				Pagination.of(paging, this.sends.count(scope, filter), next));
	}

	/** A send's answer: the message id (also as {@code id}) and its status. */
	record Accepted(long id, long messageId, String status) {
	}

}
