package io.leadwire.messaging.provider.cloud;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.leadwire.common.api.ApiResponse;

/**
 * Meta's webhooks ({@code /v1/webhooks/cloud}, no API key). {@code GET} answers the
 * subscription handshake: {@code hub.challenge} echoed when {@code hub.verify_token} is
 * ours. {@code POST} is signed with {@code X-Hub-Signature-256} and carries statuses and
 * inbound messages ({@link CloudWebhooks}); it is answered by
 * {@link io.leadwire.messaging.webhook.LeanWebhookFilter} before it reaches Spring MVC,
 * and by this mapping only when that lean path is switched off
 * ({@code leadwire.messaging.lean-webhooks: false}).
 */
@RestController
class CloudWebhookController {

	private final CloudWebhooks webhooks;

	private final String verifyToken;

	CloudWebhookController(CloudWebhooks webhooks,
			@Value("${leadwire.messaging.cloud.verify-token:}") String verifyToken) {
		this.webhooks = webhooks;
		this.verifyToken = verifyToken;
	}

	@GetMapping(CloudWebhooks.PATH)
	ResponseEntity<String> subscribe(@RequestParam(name = "hub.mode", required = false) String mode,
			@RequestParam(name = "hub.verify_token", required = false) String token,
			@RequestParam(name = "hub.challenge", required = false) String challenge) {
		boolean matches = !this.verifyToken.isEmpty() && token != null && MessageDigest
			.isEqual(this.verifyToken.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
		if (!"subscribe".equals(mode) || !matches || challenge == null || challenge.length() > 200) {
			// Meta reads only the status; a person trying the URL reads the envelope.
			throw new io.leadwire.common.api.ApiException(403, io.leadwire.common.api.ErrorCodes.FORBIDDEN,
					"Not a valid subscription handshake: hub.mode=subscribe, the verify token and hub.challenge are needed");
		}
		return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge);
	}

	@PostMapping(path = CloudWebhooks.PATH, consumes = "application/json")
	ApiResponse<Void> receive(@RequestBody byte[] body,
			@RequestHeader(name = CloudWebhooks.SIGNATURE, required = false) String signature) {
		this.webhooks.receive(body, signature);
		return ApiResponse.ok(null);
	}

}
