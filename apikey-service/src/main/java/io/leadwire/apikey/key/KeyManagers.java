package io.leadwire.apikey.key;

import java.util.Optional;

import org.springframework.stereotype.Component;

import io.leadwire.apikey.tenant.User;
import io.leadwire.apikey.tenant.UserRepository;
import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.context.RequestContext;

/**
 * Who may manage a tenant's keys: its owners and admins (the acting user's role decides).
 */
@Component
class KeyManagers {

	private final UserRepository users;

	KeyManagers(UserRepository users) {
		this.users = users;
	}

	void require(RequestContext context) {
		long tenantId = context.tenantScope().tenantId();
		Long acting = (context.actingUserId() != null) ? context.actingUserId() : context.userId();
		Optional<User> user = (acting == null) ? Optional.empty()
				: this.users.findById(acting).filter((candidate) -> candidate.tenantId() == tenantId);
		if (user.isEmpty() || user.get().role() == User.Role.MEMBER) {
			throw ApiException.forbidden(ErrorCodes.FORBIDDEN, "Only owners and admins manage API keys");
		}
	}

}
