package io.leadwire.campaign.session;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The WhatsApp session a campaign sends from, as messaging-service shows it to the tenant
 * (asked with the caller's signed context: another tenant's session is a 404).
 */
@FeignClient(name = "messaging-sessions",
		url = "${leadwire.campaign.messaging-service-url:${MESSAGING_SERVICE_URL:http://localhost:8085}}")
public interface MessagingSessions {

	@GetMapping("/v1/sessions/{id}")
	Answer get(@PathVariable("id") long id);

	record Answer(Session data) {
	}

	/**
	 * {@code capabilities.customerWindow}: Meta's customer window holds the session (a
	 * campaign on it must use an approved template).
	 */
	record Session(long id, String name, String provider, String status, int ratePerMinute, Capabilities capabilities) {

		public boolean customerWindow() {
			return this.capabilities != null && this.capabilities.customerWindow();
		}

	}

	record Capabilities(boolean customerWindow) {
	}

}
