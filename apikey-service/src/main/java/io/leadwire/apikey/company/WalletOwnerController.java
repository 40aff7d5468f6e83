package io.leadwire.apikey.company;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.apikey.tenant.Tenant;
import io.leadwire.apikey.tenant.TenantRepository;
import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.context.RequestContext;

/**
 * Whose wallet a tenant spends (docs/api.md §5): a partner's client company spends its
 * partner's, every other tenant its own. Internal (never routed): messaging asks it with
 * the tenant's own signed context, so it only ever learns about that tenant.
 */
@RestController
class WalletOwnerController {

	private final TenantRepository tenants;

	WalletOwnerController(TenantRepository tenants) {
		this.tenants = tenants;
	}

	@GetMapping("/internal/wallet-owner")
	ApiResponse<WalletOwner> walletOwner(RequestContext context) {
		Tenant tenant = this.tenants.findById(context.tenantScope().tenantId()).orElseThrow(ApiException::notFound);
		long owner = (tenant.partnerId() != null) ? tenant.partnerId() : tenant.id();
		return ApiResponse.ok(new WalletOwner(tenant.id(), owner));
	}

	record WalletOwner(long tenantId, long walletOwnerId) {
	}

}
