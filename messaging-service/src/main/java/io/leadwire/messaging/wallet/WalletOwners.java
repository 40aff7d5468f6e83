package io.leadwire.messaging.wallet;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import feign.FeignException;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.context.CallContext;
import io.leadwire.common.context.RequestContext;
import io.leadwire.common.context.TenantScope;

/**
 * Whose wallet a tenant spends, asked of apikey-service with the tenant's own signed
 * context (a partner's client company: the partner's). A company never changes partner,
 * so answers are kept for an hour; while apikey-service cannot answer, a send whose owner
 * is not known yet is refused with 503 (nothing is debited from a guessed wallet).
 */
@Component
class WalletOwners {

	private final ApikeyWalletOwner apikey;

	private final Cache<Long, Long> owners = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterWrite(Duration.ofHours(1))
		.build();

	WalletOwners(ApikeyWalletOwner apikey) {
		this.apikey = apikey;
	}

	long of(long tenantId) {
		Long owner = this.owners.getIfPresent(tenantId);
		if (owner != null) {
			return owner;
		}
		try {
			owner = CallContext.as(
					RequestContext.forTenant(new TenantScope(tenantId, io.leadwire.common.context.Environment.LIVE),
							io.leadwire.common.api.RequestIds.current()),
					() -> this.apikey.walletOwner().data().walletOwnerId());
		}
		catch (RuntimeException ex) {
			if (ex instanceof FeignException.NotFound) {
				throw ApiException.notFound();
			}
			throw new ApiException(503, ErrorCodes.SERVICE_UNAVAILABLE,
					"The wallet cannot be checked right now; retry shortly");
		}
		this.owners.put(tenantId, owner);
		return owner;
	}

	/** The part of apikey-service this service reads. */
	@FeignClient(name = "apikey-wallet-owner",
			url = "${leadwire.messaging.apikey-service-url:${APIKEY_SERVICE_URL:http://localhost:8081}}")
	interface ApikeyWalletOwner {

		@GetMapping("/internal/wallet-owner")
		Answer walletOwner();

	}

	record Answer(Owner data) {
	}

	record Owner(long walletOwnerId) {
	}

}
