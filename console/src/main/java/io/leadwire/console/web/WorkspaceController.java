package io.leadwire.console.web;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.leadwire.console.api.Workspace;

/**
 * The header's switches: live or test data and, for a partner, the client company acted
 * in. Each goes back to the page it was made on (a path of the console only).
 */
@Controller
class WorkspaceController {

	@PostMapping("/workspace/data")
	String data(@RequestParam String environment, @RequestParam(defaultValue = "/") String back, HttpSession session) {
		Workspace.useTestData(session, "test".equals(environment));
		return "redirect:" + safe(back);
	}

	@PostMapping("/workspace/company")
	String company(@RequestParam(defaultValue = "") String company, @RequestParam(defaultValue = "/") String back,
			HttpSession session) {
		Workspace.actIn(session, company.isBlank() ? null : Forms.pathSegment(company));
		return "redirect:" + safe(back);
	}

	/** Only a path of this application: never another host ({@code //evil}, a scheme). */
	static String safe(String back) {
		return (back.startsWith("/") && !back.startsWith("//") && !back.contains("\\") && !back.contains(":")) ? back
				: "/";
	}

}
