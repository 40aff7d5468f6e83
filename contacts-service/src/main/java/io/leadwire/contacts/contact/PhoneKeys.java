package io.leadwire.contacts.contact;

import io.leadwire.common.context.TenantScope;

/**
 * A phone's key in one tenant's environment: {@code <tenant>|<environment>|<E.164>}. The
 * contacts' unique index and the suppression list's ids are keys, so "who has this phone
 * here?" is one indexed lookup for a whole batch.
 */
public final class PhoneKeys {

	private PhoneKeys() {
	}

	public static String of(TenantScope scope, String e164) {
		return scope.tenantId() + "|" + scope.environment().name() + "|" + e164;
	}

}
