package io.leadwire.console.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import io.leadwire.console.api.Workspace;

/**
 * What every page's header shows: who is signed in, whether they view test data, and the
 * path to come back to after a switch.
 */
@ControllerAdvice
class LayoutAdvice {

	@ModelAttribute("testData")
	boolean testData() {
		return Workspace.testData();
	}

	@ModelAttribute("here")
	String here(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.isEmpty() ? "/" : path;
	}

	@ModelAttribute("userName")
	String userName(@AuthenticationPrincipal OidcUser user) {
		if (user == null) {
			return null;
		}
		String name = user.getFullName();
		return (name != null && !name.isBlank()) ? name : user.getPreferredUsername();
	}

}
