package io.leadwire.apikey.admin;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.stereotype.Service;

import io.leadwire.apikey.key.ApiKeyIssuer;
import io.leadwire.apikey.tenant.Tenant;
import io.leadwire.apikey.tenant.TenantRepository;
import io.leadwire.apikey.tenant.User;
import io.leadwire.apikey.tenant.UserRepository;
import io.leadwire.common.context.Environment;
import io.leadwire.common.id.IdAllocator;

/**
 * A new tenant with its owner and a live and a test key.
 */
@Service
class TenantOnboarding {

	private final TenantRepository tenants;

	private final UserRepository users;

	private final ApiKeyIssuer issuer;

	private final IdAllocator ids;

	TenantOnboarding(TenantRepository tenants, UserRepository users, ApiKeyIssuer issuer, IdAllocator ids) {
		this.tenants = tenants;
		this.users = users;
		this.issuer = issuer;
		this.ids = ids;
	}

	Onboarded onboard(String name, String plan, boolean partner, Long partnerId, String ownerName, String ownerEmail) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Tenant tenant = this.tenants.insert(Tenant.create(this.ids.next(), name, plan, partner, partnerId, false, now));
		User owner = this.users
			.insert(new User(this.ids.next(), tenant.id(), ownerName, ownerEmail, User.Role.OWNER, now, null));
		ApiKeyIssuer.Issued live = this.issuer.issue(tenant.id(), owner.id(), "Default live key", Environment.LIVE);
		ApiKeyIssuer.Issued test = this.issuer.issue(tenant.id(), owner.id(), "Default test key", Environment.TEST);
		return new Onboarded(tenant, owner, live.secret(), test.secret());
	}

	record Onboarded(Tenant tenant, User owner, String liveKey, String testKey) {
	}

}
