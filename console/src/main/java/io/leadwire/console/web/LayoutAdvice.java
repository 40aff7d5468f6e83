package io.leadwire.console.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's header shows: who is signed in. */
@ControllerAdvice
class LayoutAdvice {

	@ModelAttribute("userName")
	String userName(@AuthenticationPrincipal OidcUser user) {
		if (user == null) {
			return null;
		}
		String name = user.getFullName();
		return (name != null && !name.isBlank()) ? name : user.getPreferredUsername();
	}

}
