package io.leadwire.console.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import io.leadwire.console.api.ApiException;
import io.leadwire.console.api.LeadwireApi;
import io.leadwire.console.api.Workspace;

/**
 * What every page's header shows: who is signed in, whether they view test data, and the
 * path to come back to after a switch.
 */
@ControllerAdvice
class LayoutAdvice {

	private final LeadwireApi api;

	LayoutAdvice(LeadwireApi api) {
		this.api = api;
	}

	/**
	 * The companies the user may act in, for the header's switch (shown when there is
	 * more than one: a partner and its clients); read once per session.
	 */
	@ModelAttribute("companies")
	List<Map<String, String>> companies(@AuthenticationPrincipal OidcUser user, HttpSession session) {
		if (user == null) {
			return List.of();
		}
		try {
			return Workspace.companies(session, () -> {
				List<Map<String, String>> companies = new ArrayList<>();
				this.api.get("/v1/accounts/companies")
					.data()
					.forEach((company) -> companies
						.add(Map.of("id", company.path("id").asString(), "name", company.path("name").asString(""))));
				return companies;
			});
		}
		catch (ApiException ex) {
			return List.of();
		}
	}

	/**
	 * Whether the user administers the account (owner or admin): members are not shown
	 * the keys, users and audit log, which the API would refuse them.
	 */
	@ModelAttribute("isAdmin")
	boolean isAdmin(@AuthenticationPrincipal OidcUser user, HttpSession session) {
		if (user == null) {
			return false;
		}
		try {
			String role = Workspace.role(session,
					() -> this.api.get("/v1/users/me")
						.data()
						.path("role")
						.asString("member")
						.toLowerCase(java.util.Locale.ROOT));
			return role.equals("owner") || role.equals("admin");
		}
		catch (ApiException ex) {
			return false;
		}
	}

	@ModelAttribute("currentCompany")
	String currentCompany() {
		String company = Workspace.company();
		return (company != null) ? company : "";
	}

	@ModelAttribute("testData")
	boolean testData() {
		return Workspace.testData();
	}

	@ModelAttribute("here")
	String here(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String query = request.getQueryString();
		// The filters and page too, so a switch or a row's action comes back to the same
		// view.
		return (path.isEmpty() ? "/" : path)
				+ ((query != null && "GET".equals(request.getMethod())) ? "?" + query : "");
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
