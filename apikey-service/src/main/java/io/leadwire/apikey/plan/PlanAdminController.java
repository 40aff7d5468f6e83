package io.leadwire.apikey.plan;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.apikey.tenant.Guard;
import io.leadwire.apikey.tenant.Limits;
import io.leadwire.apikey.tenant.Tenant;
import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.ETags;
import io.leadwire.common.api.RequestIds;
import io.leadwire.common.context.RequestContext;
import io.leadwire.common.event.EventEnvelope;
import io.leadwire.common.outbox.OutboxEvent;
import io.leadwire.common.outbox.OutboxRelay;
import tools.jackson.databind.ObjectMapper;

/**
 * Plans and a tenant's plan and own limits, for platform administrators (docs/api.md §1,
 * "Plans"); and the plan table the gateways load ({@code GET /internal/plans}). Every
 * change is announced on {@code apikeys.events}, on which each gateway replica reloads
 * its table (or, for a tenant's plan, forgets the keys it verified): it applies within a
 * second.
 */
@RestController
class PlanAdminController {

	/** At most this many tenants with their own limits in the gateways' table. */
	static final int MAX_OVERRIDES = 10_000;

	private final Plans plans;

	private final MongoOperations mongo;

	private final ObjectMapper json;

	private final ObjectProvider<OutboxRelay> relay;

	PlanAdminController(Plans plans, MongoOperations mongo, ObjectMapper json, ObjectProvider<OutboxRelay> relay) {
		this.plans = plans;
		this.mongo = mongo;
		this.json = json;
		this.relay = relay;
	}

	@GetMapping("/v1/admin/plans")
	@Guard(Guard.Who.PLATFORM_ADMIN)
	ApiResponse<List<PlanView>> list() {
		return ApiResponse.ok(this.plans.list().stream().map(PlanView::of).toList());
	}

	@GetMapping("/v1/admin/plans/{name}")
	@Guard(Guard.Who.PLATFORM_ADMIN)
	ResponseEntity<ApiResponse<PlanView>> get(@PathVariable String name) {
		PlanDefinition plan = this.plans.get(name);
		return ResponseEntity.ok().eTag(ETags.of(plan.revision())).body(ApiResponse.ok(PlanView.of(plan)));
	}

	/**
	 * Creates or changes a plan; {@code If-Match} (its {@code ETag}) makes the change
	 * conditional: 412 when another came first.
	 */
	@PutMapping("/v1/admin/plans/{name}")
	@Guard(Guard.Who.PLATFORM_ADMIN)
	ResponseEntity<ApiResponse<PlanView>> put(@PathVariable String name, @Valid @RequestBody PlanRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		if (!name.matches(NAME)) {
			throw ApiException.validation("name", "is 1-40 lower-case letters, digits, - or _");
		}
		if (request.burst() > request.perMinute()) {
			throw ApiException.validation("burst", "must not exceed perMinute");
		}
		PlanDefinition plan = this.plans.put(name,
				(request.displayName() != null) ? request.displayName().trim() : name,
				new Limits(request.perMinute(), request.burst(), request.perDay()), ETags.expected(ifMatch));
		return ResponseEntity.ok().eTag(ETags.of(plan.revision())).body(ApiResponse.ok(PlanView.of(plan)));
	}

	/** Moves a tenant to another plan. */
	@PutMapping("/v1/admin/tenants/{id}/plan")
	@Guard(Guard.Who.PLATFORM_ADMIN)
	ApiResponse<TenantLimitsView> setPlan(@PathVariable long id, @Valid @RequestBody TenantPlanRequest request) {
		if (!this.plans.exists(request.plan())) {
			throw ApiException.validation("plan", "is not a plan: see GET /v1/admin/plans");
		}
		return ApiResponse.ok(view(change(id, new Update().set("plan", request.plan()), "TenantPlanChanged")));
	}

	/** Gives a tenant its own limits in place of its plan's (an Enterprise contract). */
	@PutMapping("/v1/admin/tenants/{id}/limits")
	@Guard(Guard.Who.PLATFORM_ADMIN)
	ApiResponse<TenantLimitsView> setLimits(@PathVariable long id, @Valid @RequestBody Limits limits) {
		if (limits.burst() > limits.perMinute()) {
			throw ApiException.validation("burst", "must not exceed perMinute");
		}
		return ApiResponse.ok(view(change(id, new Update().set("limits", limits), "TenantLimitsChanged")));
	}

	/** Back to the plan's limits. */
	@DeleteMapping("/v1/admin/tenants/{id}/limits")
	@Guard(Guard.Who.PLATFORM_ADMIN)
	ApiResponse<TenantLimitsView> clearLimits(@PathVariable long id) {
		return ApiResponse.ok(view(change(id, new Update().unset("limits"), "TenantLimitsChanged")));
	}

	@GetMapping("/v1/admin/tenants/{id}/limits")
	@Guard(Guard.Who.PLATFORM_ADMIN)
	ApiResponse<TenantLimitsView> limits(@PathVariable long id) {
		Tenant tenant = this.mongo.findById(id, Tenant.class);
		if (tenant == null) {
			throw ApiException.notFound();
		}
		return ApiResponse.ok(view(tenant));
	}

	/**
	 * The gateways' plan table: every plan's limits and the tenants with their own.
	 * Internal: a system context only.
	 */
	@GetMapping("/internal/plans")
	ApiResponse<PlanTable> table(RequestContext context) {
		context.requireScope(RequestContext.Scope.SYSTEM);
		List<PlanTable.Entry> plans = this.plans.list()
			.stream()
			.map((plan) -> new PlanTable.Entry(plan.name(), plan.limits()))
			.toList();
		Query withLimits = Query.query(Criteria.where("limits").ne(null)).limit(MAX_OVERRIDES);
		List<PlanTable.Override> overrides = this.mongo.find(withLimits, Tenant.class)
			.stream()
			.filter((tenant) -> tenant.limits() != null)
			.map((tenant) -> new PlanTable.Override(tenant.id(), tenant.limits()))
			.toList();
		return ApiResponse.ok(new PlanTable(plans, overrides));
	}

	private Tenant change(long id, Update update, String type) {
		EventEnvelope<Map<String, Object>> envelope = EventEnvelope.of(type, id, null, RequestIds.current(),
				Map.of("tenantId", id));
		Tenant changed = this.mongo.findAndModify(Query.query(Criteria.where("_id").is(id)),
				update.push(OutboxEvent.FIELD, OutboxEvent.of(Plans.TOPIC, "tenant:" + id, envelope, this.json)),
				FindAndModifyOptions.options().returnNew(true), Tenant.class);
		if (changed == null) {
			throw ApiException.notFound();
		}
		this.relay.ifAvailable(OutboxRelay::nudge);
		return changed;
	}

	private TenantLimitsView view(Tenant tenant) {
		return new TenantLimitsView(tenant.id(), tenant.plan(), tenant.limits(), this.plans.effective(tenant));
	}

	static final String NAME = "[a-z0-9][a-z0-9_-]{0,39}";

	record PlanRequest(@Size(max = 100) @JsonAlias("display_name") String displayName,
			@NotNull @Min(1) @Max(1_000_000) @JsonAlias("per_minute") Integer perMinute,
			@NotNull @Min(1) @Max(1_000_000) Integer burst,
			@NotNull @Min(1) @Max(1_000_000_000) @JsonAlias("per_day") Integer perDay) {
	}

	record TenantPlanRequest(@NotBlank @Size(max = 40) String plan) {
	}

	record PlanView(String name, String displayName, int perMinute, int burst, int perDay, long revision,
			Instant updatedAt) {

		static PlanView of(PlanDefinition plan) {
			return new PlanView(plan.name(), plan.displayName(), plan.limits().perMinute(), plan.limits().burst(),
					plan.limits().perDay(), plan.revision(), plan.updatedAt());
		}

	}

	/**
	 * {@code limits}: the tenant's own (null: its plan's); {@code effective}: what holds.
	 */
	record TenantLimitsView(long id, String plan, Limits limits, Limits effective) {
	}

	record PlanTable(List<Entry> plans, List<Override> overrides) {

		record Entry(String name, Limits limits) {
		}

		record Override(long tenantId, Limits limits) {
		}

	}

}
