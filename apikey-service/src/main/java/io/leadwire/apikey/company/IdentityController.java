package io.leadwire.apikey.company;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.apikey.tenant.Tenant;
import io.leadwire.apikey.tenant.TenantRepository;
import io.leadwire.apikey.tenant.UserRepository;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.context.RequestContext;

/**
 * The gateway's check of {@code X-Company-Id} and {@code X-On-Behalf-Of}: which tenant a
 * request acts in and as whom. Internal: system context only, never routed.
 */
@RestController
class IdentityController {

	static final String FORBIDDEN_COMPANY = "forbidden_company";

	static final String FORBIDDEN_ON_BEHALF_OF = "forbidden_on_behalf_of";

	private final TenantRepository tenants;

	private final UserRepository users;

	IdentityController(TenantRepository tenants, UserRepository users) {
		this.tenants = tenants;
		this.users = users;
	}

	@PostMapping("/internal/identity/resolve")
	ApiResponse<Resolution> resolve(@Valid @RequestBody ResolveRequest request, RequestContext context) {
		context.requireScope(RequestContext.Scope.SYSTEM);
		Tenant effective;
		if (request.companyId() == null || request.companyId().equals(request.tenantId())) {
			effective = this.tenants.findById(request.tenantId()).orElse(null);
		}
		else {
			effective = this.tenants.findById(request.companyId())
				.filter((company) -> request.tenantId().equals(company.partnerId()))
				.orElse(null);
			if (effective == null) {
				return ApiResponse.ok(Resolution.refused(FORBIDDEN_COMPANY));
			}
		}
		if (effective == null) {
			return ApiResponse.ok(Resolution.refused(FORBIDDEN_COMPANY));
		}
		long acting = request.userId();
		if (request.onBehalfOf() != null) {
			long tenantId = effective.id();
			boolean member = this.users.findById(request.onBehalfOf())
				.filter((user) -> user.tenantId() == tenantId)
				.isPresent();
			if (!member) {
				return ApiResponse.ok(Resolution.refused(FORBIDDEN_ON_BEHALF_OF));
			}
			acting = request.onBehalfOf();
		}
		return ApiResponse.ok(new Resolution(true, null, effective.id(), effective.plan(), acting));
	}

	record ResolveRequest(@NotNull Long tenantId, @NotNull Long userId, Long companyId, Long onBehalfOf) {
	}

	record Resolution(boolean allowed, String code, Long tenantId, String plan, Long actingUserId) {

		static Resolution refused(String code) {
			return new Resolution(false, code, null, null, null);
		}

	}

}
