package io.leadwire.campaign.recipients;

import java.util.List;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The part of leads-service campaigns read: the tenant's leads with a phone in some
 * statuses, a page at a time by ascending id (asked with the tenant's signed context).
 */
@FeignClient(name = "leads-recipients",
		url = "${leadwire.campaign.leads-service-url:${LEADS_SERVICE_URL:http://localhost:8082}}")
public interface LeadsRecipients {

	@PostMapping("/internal/recipients/leads")
	Answer leads(@RequestBody Selection selection);

	record Selection(List<String> statuses, Long afterId, Integer limit) {
	}

	record Answer(Page data) {
	}

	record Page(List<Lead> leads, Long nextAfterId) {
	}

	record Lead(long leadId, String phone, String name) {
	}

}
