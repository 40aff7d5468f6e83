package io.leadwire.contacts.recipients;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.context.TenantScope;

/**
 * Recipients for campaigns (internal: under {@code /internal}, which the gateway never
 * routes; the caller signs a context for the tenant it acts for). Contract:
 * docs/contacts-recipients.md.
 */
@RestController
@RequestMapping("/internal/recipients")
class RecipientsController {

	private final Recipients recipients;

	RecipientsController(Recipients recipients) {
		this.recipients = recipients;
	}

	@PostMapping("/resolve")
	ApiResponse<RecipientPage> resolve(@RequestBody RecipientQuery query, TenantScope scope) {
		return ApiResponse.ok(this.recipients.resolve(scope, required(query)));
	}

	@PostMapping("/count")
	ApiResponse<RecipientCounts> count(@RequestBody RecipientQuery query, TenantScope scope) {
		return ApiResponse.ok(this.recipients.count(scope, required(query)));
	}

	private static RecipientQuery required(RecipientQuery query) {
		if (query == null) {
			throw ApiException.validation("groupIds", "give groupIds, contactIds or phones");
		}
		return query;
	}

}
