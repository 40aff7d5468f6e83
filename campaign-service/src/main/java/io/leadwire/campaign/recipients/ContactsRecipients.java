package io.leadwire.campaign.recipients;

import java.util.List;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The part of contacts-service's recipient contract campaigns read
 * (docs/contacts-recipients.md), asked with the caller's signed context: a group that is
 * not the tenant's is a 404.
 */
@FeignClient(name = "contacts-recipients",
		url = "${leadwire.campaign.contacts-service-url:${CONTACTS_SERVICE_URL:http://localhost:8083}}")
public interface ContactsRecipients {

	@PostMapping("/internal/recipients/count")
	Answer<Counts> count(@RequestBody Selection selection);

	@PostMapping("/internal/recipients/resolve")
	Answer<Page> resolve(@RequestBody Selection selection);

	/** Contacts of groups or ids, and raw phones read in {@code region}. */
	record Selection(List<Long> groupIds, List<Long> contactIds, List<String> phones, String region, String cursor,
			Integer limit) {

		public static Selection of(List<Long> groupIds, List<Long> contactIds, List<String> phones) {
			return new Selection(groupIds, contactIds, phones, null, null, null);
		}

	}

	record Answer<T>(T data) {
	}

	record Counts(long total, long optedOut, long duplicates, long invalid, long sendable) {
	}

	record Page(List<Recipient> recipients, String nextCursor) {
	}

	record Recipient(Long contactId, String phone, String name, java.util.Map<String, Object> customFields,
			boolean optedOut, boolean duplicate, String source, String input, String error) {
	}

}
