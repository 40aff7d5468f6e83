package io.leadwire.campaign.session;

import java.util.List;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A message template of the tenant's, as messaging-service shows it (docs/templates.md),
 * with what it is on the campaign's session (asked with the caller's signed context:
 * another tenant's template or session is a 404).
 */
@FeignClient(name = "messaging-templates",
		url = "${leadwire.campaign.messaging-service-url:${MESSAGING_SERVICE_URL:http://localhost:8085}}")
public interface MessagingTemplates {

	@GetMapping("/v1/templates/{id}")
	Answer get(@PathVariable("id") long id, @RequestParam(name = "session_id", required = false) Long sessionId);

	record Answer(Template data) {
	}

	/**
	 * Its name, language, body and variables; on the session: whether Meta's customer
	 * window holds it, its review status there, and whether it may be sent.
	 */
	record Template(long id, String name, String language, String body, List<String> variables, String status,
			ForSession forSession) {
	}

	record ForSession(long sessionId, boolean customerWindow, String status, boolean sendable) {
	}

}
