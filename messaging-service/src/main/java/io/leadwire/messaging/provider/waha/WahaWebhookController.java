package io.leadwire.messaging.provider.waha;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.common.api.ApiResponse;

/**
 * {@code POST /v1/webhooks/waha} as the API reference documents it. Requests are answered
 * by {@link io.leadwire.messaging.webhook.LeanWebhookFilter} before they reach Spring
 * MVC; this mapping answers them only when that lean path is switched off
 * ({@code leadwire.messaging.lean-webhooks:
 * false}), with the same {@link WahaWebhooks}.
 */
@RestController
class WahaWebhookController {

	private final WahaWebhooks webhooks;

	WahaWebhookController(WahaWebhooks webhooks) {
		this.webhooks = webhooks;
	}

	@PostMapping(path = WahaWebhooks.PATH, consumes = "application/json")
	ApiResponse<Void> receive(@RequestBody byte[] body,
			@RequestHeader(name = WahaWebhooks.SIGNATURE, required = false) String signature) {
		this.webhooks.receive(body, signature);
		return ApiResponse.ok(null);
	}

}
