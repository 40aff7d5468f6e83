package io.leadwire.leads.lead;

import java.util.ArrayList;
import java.util.List;

import io.leadwire.common.context.TenantScope;

/**
 * The keys a lead is found by when an import matches rows to existing leads:
 * {@code <tenantId>:<environment>:p:<E.164 phone>} and
 * {@code <tenantId>:<environment>:e:<lower-cased email>}. The tenant and environment are
 * part of every key, so a lookup by key never reaches another tenant's lead.
 * <p>
 * Each key is held by at most one live lead (a unique, sparse index on
 * {@code contactKeys}): the first to claim it. Leads that share a phone or email with the
 * holder are its duplicates ({@link DuplicateLinker}); when the holder lets a key go (its
 * phone changes, it is deleted) the linker hands the key to the oldest remaining lead
 * with it.
 */
public final class ContactKeys {

	private ContactKeys() {
	}

	public static String phone(TenantScope scope, String e164) {
		return prefix(scope) + "p:" + e164;
	}

	public static String email(TenantScope scope, String email) {
		return prefix(scope) + "e:" + email;
	}

	/** The keys of a lead with this phone and email (either may be null). */
	public static List<String> of(TenantScope scope, String email, String phone) {
		List<String> keys = new ArrayList<>(2);
		if (phone != null) {
			keys.add(phone(scope, phone));
		}
		if (email != null) {
			keys.add(email(scope, email));
		}
		return keys;
	}

	static List<String> of(Lead lead) {
		return of(lead.scope(), lead.email(), lead.phone());
	}

	private static String prefix(TenantScope scope) {
		return scope.tenantId() + ":" + scope.environment().name() + ":";
	}

}
