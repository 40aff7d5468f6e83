package io.leadwire.apikey.user;

import io.leadwire.apikey.tenant.User;

/**
 * Where users can sign in: Keycloak when configured, nowhere else otherwise (API keys
 * alone).
 */
public interface UserDirectory {

	/**
	 * Creates the user's sign-in identity; returns its subject, or null when there is
	 * none.
	 */
	String provision(User user, String password);

	void remove(User user);

}
