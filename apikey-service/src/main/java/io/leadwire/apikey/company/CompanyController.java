package io.leadwire.apikey.company;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
import io.leadwire.apikey.plan.Plans;
import io.leadwire.apikey.tenant.Tenant;
import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.context.RequestContext;
import io.leadwire.common.id.IdAllocator;

/**
 * Partners and their client companies (docs/api.md §2). A client company is a tenant
 * whose {@code partnerId} is the partner; the partner's keys act in it with
 * {@code X-Company-Id}.
 */
@RestController
class CompanyController {

	private static final int MAX_COMPANIES = 1000;

	private final MongoOperations mongo;

	private final IdAllocator ids;

	private final Connections connections;

	private final Plans plans;

	CompanyController(MongoOperations mongo, IdAllocator ids, Connections connections, Plans plans) {
		this.mongo = mongo;
		this.ids = ids;
		this.connections = connections;
		this.plans = plans;
	}

	@GetMapping("/v1/companies")
	ApiResponse<List<CompanyView>> companies(RequestContext context) {
		Tenant partner = partner(context);
		List<Tenant> companies = managedBy(partner.id());
		List<Long> ids = companies.stream().map(Tenant::id).toList();
		Map<Long, List<Connections.Connection>> sessions = this.connections.of(ids);
		Map<Long, Long> templates = this.connections.templateCounts(ids);
		return ApiResponse.ok(companies.stream()
			.map((company) -> CompanyView.of(company, sessions.getOrDefault(company.id(), List.of()),
					templates.getOrDefault(company.id(), 0L)))
			.toList());
	}

	@PostMapping("/v1/companies")
	@ResponseStatus(HttpStatus.CREATED)
	@Guard(Guard.Who.ADMIN)
	ApiResponse<CompanyView> onboard(@Valid @RequestBody OnboardRequest request, RequestContext context) {
		Tenant partner = partner(context);
		String plan = (request.plan() != null) ? request.plan() : Plans.DEFAULT_PLAN;
		if (!this.plans.exists(plan)) {
			throw ApiException.validation("plan", "is not a plan");
		}
		Tenant company = this.mongo.insert(Tenant.create(this.ids.next(), request.name().trim(), plan, false,
				partner.id(), false, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
		return ApiResponse.created(CompanyView.of(company, List.of(), 0));
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

	/**
	 * AgencyHandy's first call, {@code GET /accounts/companies}, in its own shape (the
	 * gateway marks it with {@code X-Leadwire-Shape: agencyhandy}; docs/api.md §7):
	 * {@code response.companies[0]._id} is the company id its client passes on as
	 * {@code companyid}. Leadwire keeps no logos: they are empty strings, as AgencyHandy
	 * answers for a company without one.
	 */
	@GetMapping(path = "/v1/accounts/companies", headers = "X-Leadwire-Shape=agencyhandy")
	AgencyHandyCompanies agencyHandyAccounts(RequestContext context) {
		return new AgencyHandyCompanies("Companies associated with API token.",
				accounts(context).data().stream().map(AgencyHandyCompany::of).toList());
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

	record OnboardRequest(@NotBlank @Size(max = 200) String name, @Size(max = 40) String plan) {
	}

	/**
	 * {@code connections} are the company's WhatsApp sessions (live and test), as
	 * {@link Connections} knows them from messaging's events; {@code _count.templates}
	 * its live message templates.
	 */
	record CompanyView(long id, String name, String plan, Instant onboardedAt, List<ConnectionView> connections,
			@com.fasterxml.jackson.annotation.JsonProperty("_count") Count count) {

		static CompanyView of(Tenant tenant, List<Connections.Connection> connections, long templates) {
			return new CompanyView(tenant.id(), tenant.name(), tenant.plan(), tenant.createdAt(),
					connections.stream().map(ConnectionView::of).toList(), new Count(templates));
		}

	}

	/** The seed's {@code _count}: the company's live message templates. */
	record Count(long templates) {
	}

	/**
	 * A client's WhatsApp session in the partner API's shape: {@code id} is its session
	 * id in the messaging API; {@code status} is {@code connected}, {@code pending}
	 * (starting or waiting for its QR scan), {@code failed} or {@code disconnected}, with
	 * the provider's own in {@code sessionStatus}; for a Cloud number, what Meta says of
	 * it: {@code qualityRating} ({@code GREEN}, {@code YELLOW}, {@code RED},
	 * {@code UNKNOWN}), {@code messagingLimitTier} ({@code TIER_250} …
	 * {@code TIER_UNLIMITED}) and {@code throughput} ({@code STANDARD}, {@code HIGH});
	 * null for other sessions.
	 */
	record ConnectionView(long id, String name, String provider, String status, String sessionStatus,
			String displayPhoneNumber, String wabaId, String phoneNumberId, String qualityRating,
			String messagingLimitTier, String throughput, String environment, Instant updatedAt) {

		static ConnectionView of(Connections.Connection connection) {
			String status = switch (String.valueOf(connection.status())) {
				case "WORKING" -> "connected";
				case "STARTING", "SCAN_QR_CODE" -> "pending";
				case "FAILED" -> "failed";
				default -> "disconnected";
			};
			String phone = connection.phone();
			String display = (phone == null || phone.isBlank()) ? null : phone.startsWith("+") ? phone : "+" + phone;
			return new ConnectionView(connection.id(), connection.name(), connection.provider(), status,
					connection.status(), display, connection.wabaId(), connection.phoneNumberId(),
					connection.qualityRating(), connection.messagingLimitTier(), connection.throughput(),
					connection.environment().wireName(), connection.updatedAt());
		}

	}

	/** Older clients read {@code _id}; both carry the same public id. */
	record AccountCompany(@com.fasterxml.jackson.annotation.JsonProperty("_id") long legacyId, long id, String name) {

		static AccountCompany of(Tenant tenant) {
			return new AccountCompany(tenant.id(), tenant.id(), tenant.name());
		}

	}

	/** AgencyHandy's answer to {@code GET /accounts/companies}. */
	record AgencyHandyCompanies(String message, List<AgencyHandyCompany> companies) {
	}

	record AgencyHandyCompany(@com.fasterxml.jackson.annotation.JsonProperty("_id") long legacyId, String name,
			String logo, String extraSmallLogo, String largeLogo) {

		static AgencyHandyCompany of(AccountCompany company) {
			return new AgencyHandyCompany(company.id(), company.name(), "", "", "");
		}

	}

}
