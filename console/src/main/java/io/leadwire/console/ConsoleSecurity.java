package io.leadwire.console;

import java.util.Map;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Sign-in and the page rules. Users sign in with Keycloak by the authorization code flow
 * with PKCE (a public client: no secret to keep); the tokens stay in the server-side
 * session, and the browser holds only the session cookie ({@code HttpOnly},
 * {@code SameSite=Lax}). Every form carries a CSRF token. Pages allow no inline script
 * and no framing. Signing out ends the Keycloak session too.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

	static final String REGISTRATION = "keycloak";

	@Bean
	SecurityFilterChain pages(HttpSecurity http, ClientRegistrationRepository registrations,
			ConsoleProperties properties) throws Exception {
		OidcClientInitiatedLogoutSuccessHandler logout = new OidcClientInitiatedLogoutSuccessHandler(registrations);
		logout.setPostLogoutRedirectUri("{baseUrl}/signed-out");
		String keycloak = origin(properties.issuer());
		http.authorizeHttpRequests((pages) -> pages
			// Probes and metrics: on the management port only, never routed by the
			// gateway.
			.requestMatchers(EndpointRequest.toAnyEndpoint())
			.permitAll()
			.requestMatchers("/css/**", "/js/**", "/webjars/**", "/signed-out", "/error", "/favicon.svg")
			.permitAll()
			.anyRequest()
			.authenticated())
			.oauth2Login((login) -> login.loginPage("/oauth2/authorization/" + REGISTRATION))
			.logout((signOut) -> signOut.logoutSuccessHandler(logout))
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'self'; script-src 'self'; "
						+ "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
						+ "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self' " + keycloak))
				.frameOptions((frames) -> frames.deny())
				.referrerPolicy((referrer) -> referrer
					.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)));
		return http.build();
	}

	/**
	 * The realm's endpoints from configuration, not discovery: the console starts while
	 * Keycloak is still starting. Browsers are sent to {@code issuer}; this server calls
	 * {@code backchannelIssuer}.
	 */
	@Bean
	ClientRegistrationRepository clientRegistrations(ConsoleProperties properties) {
		String browser = properties.issuer() + "/protocol/openid-connect";
		String server = properties.serverIssuer() + "/protocol/openid-connect";
		ClientRegistration keycloak = ClientRegistration.withRegistrationId(REGISTRATION)
			.clientId(properties.clientId())
			.clientName("Leadwire")
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.scope("openid", "profile", "email")
			.authorizationUri(browser + "/auth")
			.tokenUri(server + "/token")
			.jwkSetUri(server + "/certs")
			.userInfoUri(server + "/userinfo")
			.userNameAttributeName("preferred_username")
			.issuerUri(properties.issuer())
			.providerConfigurationMetadata(Map.of("end_session_endpoint", browser + "/logout"))
			.build();
		return new InMemoryClientRegistrationRepository(keycloak);
	}

	/**
	 * The user's tokens live in their session (on this server, never in the browser), so
	 * signing out or the session's end forgets them.
	 */
	@Bean
	OAuth2AuthorizedClientRepository authorizedClientRepository() {
		return new HttpSessionOAuth2AuthorizedClientRepository();
	}

	/** Hands out the signed-in user's access token, refreshing it when it has expired. */
	@Bean
	OAuth2AuthorizedClientManager authorizedClients(ClientRegistrationRepository registrations,
			OAuth2AuthorizedClientRepository clients) {
		DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations, clients);
		manager.setAuthorizedClientProvider(
				OAuth2AuthorizedClientProviderBuilder.builder().authorizationCode().refreshToken().build());
		return manager;
	}

	private static String origin(String url) {
		java.net.URI uri = java.net.URI.create(url);
		return uri.getScheme() + "://" + uri.getRawAuthority();
	}

}
