package io.leadwire.console.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Where Keycloak sends the browser once the sign-out has ended its session too. */
@Controller
class SignedOutController {

	@GetMapping("/signed-out")
	String signedOut() {
		return "signed-out";
	}

}
