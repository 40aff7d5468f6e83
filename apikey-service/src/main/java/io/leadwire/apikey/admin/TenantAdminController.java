package io.leadwire.apikey.admin;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.apikey.tenant.Guard;
import io.leadwire.apikey.plan.Plans;
import io.leadwire.apikey.tenant.Tenant;
import io.leadwire.apikey.tenant.TenantRepository;
import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.context.RequestContext;

/**
 * Platform administration: create a tenant with its owner and first keys. Platform-admin
 * only.
 */
@RestController
class TenantAdminController {

	private final TenantOnboarding onboarding;

	private final TenantRepository tenants;

	private final Plans plans;

	TenantAdminController(TenantOnboarding onboarding, TenantRepository tenants, Plans plans) {
		this.onboarding = onboarding;
		this.tenants = tenants;
		this.plans = plans;
	}

	@PostMapping("/v1/admin/tenants")
	@ResponseStatus(HttpStatus.CREATED)
	@Guard(Guard.Who.PLATFORM_ADMIN)
	ApiResponse<CreatedTenant> create(@Valid @RequestBody CreateTenantRequest request, RequestContext context,
			HttpServletResponse response) {
		response.setHeader("X-Leadwire-Secret-Fields", "liveKey,testKey");
		if (request.partnerId() != null
				&& this.tenants.findById(request.partnerId()).filter(Tenant::partner).isEmpty()) {
			throw ApiException.validation("partnerId", "must be an existing partner tenant");
		}
		if (!this.plans.exists(request.plan())) {
			throw ApiException.validation("plan", "is not a plan: see GET /v1/admin/plans");
		}
		TenantOnboarding.Onboarded onboarded = this.onboarding.onboard(request.name(), request.plan(),
				request.partner(), request.partnerId(), request.ownerName(), request.ownerEmail());
		Tenant tenant = onboarded.tenant();
		return ApiResponse
			.created(new CreatedTenant(tenant.id(), tenant.name(), tenant.plan(), tenant.partner(), tenant.partnerId(),
					onboarded.owner().id(), onboarded.liveKey(), onboarded.testKey(), tenant.createdAt()));
	}

	record CreateTenantRequest(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 40) String plan,
			boolean partner, @JsonAlias("partner_id") Long partnerId,
			@NotBlank @Size(max = 200) @JsonAlias("owner_name") String ownerName,
			@NotBlank @Email @Size(max = 320) @JsonAlias("owner_email") String ownerEmail) {
	}

	record CreatedTenant(long id, String name, String plan, boolean partner, Long partnerId, long ownerUserId,
			String liveKey, String testKey, Instant createdAt) {
	}

}
