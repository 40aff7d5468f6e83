package io.leadwire.leads.lead;

import feign.FeignException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ErrorCodes;

/**
 * Whether a user exists in the caller's tenant, asked of apikey-service with the caller's
 * own signed context (so another tenant's user is simply not found).
 */
@Component
class TenantUsers {

	private final ApikeyUsers users;

	TenantUsers(ApikeyUsers users) {
		this.users = users;
	}

	/** Refuses, as a 422 on {@code field}, a user id that is not of the tenant. */
	void requireMember(long userId, String field) {
		try {
			this.users.get(userId);
		}
		catch (RuntimeException ex) {
			// An open circuit refuses without calling (CallNotPermittedException).
			Throwable cause = ex;
			if (cause instanceof FeignException.NotFound) {
				throw ApiException.validation(field, "no such user in this tenant");
			}
			if (cause instanceof FeignException || cause instanceof CallNotPermittedException
					|| cause instanceof java.util.concurrent.TimeoutException) {
				throw new ApiException(503, ErrorCodes.SERVICE_UNAVAILABLE,
						"Users cannot be checked right now; retry shortly");
			}
			throw ex;
		}
	}

	/** The part of apikey-service this service reads. */
	@FeignClient(name = "apikey-users",
			url = "${leadwire.leads.apikey-service-url:${APIKEY_SERVICE_URL:http://localhost:8081}}")
	interface ApikeyUsers {

		@GetMapping("/v1/users/{id}")
		void get(@PathVariable("id") long id);

	}

}
