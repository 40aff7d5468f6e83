package io.leadwire.apikey.tenant;

import java.util.Optional;

import org.springframework.stereotype.Component;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.context.RequestContext;

/**
 * Who may manage a tenant's keys and users: its owners and admins (the acting user's role
 * decides).
 */
@Component
public class TenantAdmins {

	private final UserRepository users;

	TenantAdmins(UserRepository users) {
		this.users = users;
	}

	public User require(RequestContext context) {
		long tenantId = context.tenantScope().tenantId();
		Long acting = (context.actingUserId() != null) ? context.actingUserId() : context.userId();
		Optional<User> user = (acting == null) ? Optional.empty()
				: this.users.findById(acting).filter((candidate) -> candidate.tenantId() == tenantId);
		if (user.isEmpty() || user.get().role() == User.Role.MEMBER) {
			throw ApiException.forbidden(ErrorCodes.FORBIDDEN, "Only owners and admins may do this");
		}
		return user.get();
	}

}
