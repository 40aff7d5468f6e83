package io.leadwire.apikey.company;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.apikey.tenant.Guard;
import io.leadwire.apikey.tenant.Plan;
import io.leadwire.apikey.tenant.Tenant;
import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.context.RequestContext;
import io.leadwire.common.id.IdAllocator;

/**
 * Partners and their client companies (API.md §2). A client company is a tenant whose
 * {@code partnerId} is the partner; the partner's keys act in it with
 * {@code X-Company-Id}.
 */
@RestController
class CompanyController {

	private static final int MAX_COMPANIES = 1000;

	private final MongoOperations mongo;

	private final IdAllocator ids;

	CompanyController(MongoOperations mongo, IdAllocator ids) {
		this.mongo = mongo;
		this.ids = ids;
	}

	@GetMapping("/v1/companies")
	ApiResponse<List<CompanyView>> companies(RequestContext context) {
		Tenant partner = partner(context);
		return ApiResponse.ok(managedBy(partner.id()).stream().map(CompanyView::of).toList());
	}

	@PostMapping("/v1/companies")
	@ResponseStatus(HttpStatus.CREATED)
	@Guard(Guard.Who.ADMIN)
	ApiResponse<CompanyView> onboard(@Valid @RequestBody OnboardRequest request, RequestContext context) {
		Tenant partner = partner(context);
		Plan plan = (request.plan() != null) ? request.plan() : Plan.FREE;
		Tenant company = this.mongo.insert(new Tenant(this.ids.next(), request.name().trim(), plan, false, partner.id(),
				false, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
		return ApiResponse.created(CompanyView.of(company));
	}

	/** The companies this key may act in: its own tenant, then the ones it manages. */
	@GetMapping("/v1/accounts/companies")
	ApiResponse<List<AccountCompany>> accounts(RequestContext context) {
		long tenantId = (context.keyTenantId() != null) ? context.keyTenantId() : context.tenantScope().tenantId();
		Tenant own = this.mongo.findById(tenantId, Tenant.class);
		if (own == null) {
			throw ApiException.notFound();
		}
		List<AccountCompany> companies = new ArrayList<>();
		companies.add(AccountCompany.of(own));
		if (own.partner()) {
			managedBy(own.id()).forEach((company) -> companies.add(AccountCompany.of(company)));
		}
		return ApiResponse.ok(companies);
	}

	private Tenant partner(RequestContext context) {
		Tenant tenant = this.mongo.findById(context.tenantScope().tenantId(), Tenant.class);
		if (tenant == null || !tenant.partner()) {
			throw ApiException.forbidden(ErrorCodes.FORBIDDEN, "Only partner accounts manage client companies");
		}
		return tenant;
	}

	private List<Tenant> managedBy(long partnerId) {
		return this.mongo.find(Query.query(Criteria.where("partnerId").is(partnerId))
			.with(Sort.by("createdAt", "_id"))
			.limit(MAX_COMPANIES), Tenant.class);
	}

	record OnboardRequest(@NotBlank @Size(max = 200) String name, Plan plan) {
	}

	/**
	 * {@code connections} are the company's WhatsApp numbers, filled by messaging once it
	 * exists.
	 */
	record CompanyView(long id, String name, Plan plan, Instant onboardedAt, List<Object> connections) {

		static CompanyView of(Tenant tenant) {
			return new CompanyView(tenant.id(), tenant.name(), tenant.plan(), tenant.createdAt(), List.of());
		}

	}

	/** Older clients read {@code _id}; both carry the same public id. */
	record AccountCompany(@com.fasterxml.jackson.annotation.JsonProperty("_id") long legacyId, long id, String name) {

		static AccountCompany of(Tenant tenant) {
			return new AccountCompany(tenant.id(), tenant.id(), tenant.name());
		}

	}

}
