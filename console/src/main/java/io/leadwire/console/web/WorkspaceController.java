package io.leadwire.console.web;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.leadwire.console.api.Workspace;

/**
 * The header's switches: live or test data and, for a partner, the client company acted
 * in. Each goes back to the section it was made in (a path of the console only): a
 * record's page would be another workspace's record, so a campaign's page goes back to
 * the campaigns, a message's to the sessions.
 */
@Controller
class WorkspaceController {

	@PostMapping("/workspace/data")
	String data(@RequestParam String environment, @RequestParam(defaultValue = "/") String back, HttpSession session) {
		Workspace.useTestData(session, "test".equals(environment));
		return "redirect:" + section(safe(back));
	}

	@PostMapping("/workspace/company")
	String company(@RequestParam(defaultValue = "") String company, @RequestParam(defaultValue = "/") String back,
			HttpSession session) {
		Workspace.actIn(session, company.isBlank() ? null : Forms.pathSegment(company));
		return "redirect:" + section(safe(back));
	}

	/**
	 * The list a path belongs to: its first segment (two under {@code /settings}),
	 * without the query; a message belongs to the sessions.
	 */
	static String section(String path) {
		String[] segments = path.replaceAll("[?#].*", "").split("/");
		if (segments.length < 2 || segments[1].isEmpty()) {
			return "/";
		}
		if (segments[1].equals("settings") && segments.length > 2) {
			return "/settings/" + segments[2];
		}
		return segments[1].equals("messages") ? "/sessions" : "/" + segments[1];
	}

	/** Only a path of this application: never another host ({@code //evil}, a scheme). */
	static String safe(String back) {
		return (back.startsWith("/") && !back.startsWith("//") && !back.contains("\\") && !back.contains(":")) ? back
				: "/";
	}

}
