package io.leadwire.apikey.user;

import io.leadwire.apikey.tenant.User;

/**
 * The built-in directory: users exist in Leadwire only and act through API keys.
 */
class BuiltInUserDirectory implements UserDirectory {

	@Override
	public String provision(User user, String password) {
		return null;
	}

	@Override
	public void remove(User user) {
	}

}
