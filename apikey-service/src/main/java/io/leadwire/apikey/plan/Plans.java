package io.leadwire.apikey.plan;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import io.leadwire.apikey.tenant.Limits;
import io.leadwire.apikey.tenant.Tenant;
import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.api.ETags;
import io.leadwire.common.api.RequestIds;
import io.leadwire.common.event.EventEnvelope;
import io.leadwire.common.outbox.OutboxEvent;
import io.leadwire.common.outbox.OutboxRelay;
import tools.jackson.databind.ObjectMapper;

/**
 * The plans (docs/api.md §1, "Plans"): data, not code. The ones the platform starts with
 * are written once, if absent ({@link #DEFAULTS}: the contract's four and Leadron's);
 * from then on administrators add and change them (never delete: a tenant's plan cannot
 * vanish under it). Every change leaves through the plan's outbox as {@code PlanChanged},
 * on which every gateway replica reloads its plan table.
 */
@Service
@Order(0)
public class Plans implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(Plans.class);

	/** The plan of a tenant created without one. */
	public static final String DEFAULT_PLAN = "free";

	/** At most this many plans. */
	static final int MAX_PLANS = 200;

	/**
	 * The plans the platform starts with: docs/api.md's four, and Leadron's (whose Free
	 * and Starter are named {@code leadron-free} and {@code leadron-starter} beside ours;
	 * its limits have no daily window, so their {@code perDay} is a full day of minutes).
	 */
	static final Map<String, PlanDefinition> DEFAULTS = Map.of("free", seed("free", "Free", 10, 10, 500), "starter",
			seed("starter", "Starter", 60, 30, 10_000), "professional",
			seed("professional", "Professional", 200, 100, 50_000), "enterprise",
			seed("enterprise", "Enterprise", 1_000, 500, 500_000), "leadron-free",
			seed("leadron-free", "Free (Leadron)", 60, 10, 60 * 1440), "leadron-starter",
			seed("leadron-starter", "Starter (Leadron)", 300, 30, 300 * 1440), "pro",
			seed("pro", "Pro", 1_000, 100, 1_000 * 1440), "team", seed("team", "Team", 5_000, 500, 5_000 * 1440));

	static final String TOPIC = "apikeys.events";

	private final MongoOperations mongo;

	private final ObjectMapper json;

	private final ObjectProvider<OutboxRelay> relay;

	/**
	 * The plans the platform starts with, as this deployment gives them:
	 * {@link #DEFAULTS} with {@code leadwire.plans.initial.<name>.*}'s limits where set.
	 */
	private final Map<String, PlanDefinition> seeds;

	Plans(MongoOperations mongo, ObjectMapper json, ObjectProvider<OutboxRelay> relay, Environment environment) {
		this.mongo = mongo;
		this.json = json;
		this.relay = relay;
		Map<String, Limits> initial = Binder.get(environment)
			.bind("leadwire.plans.initial", Bindable.mapOf(String.class, Limits.class))
			.orElse(Map.of());
		Map<String, PlanDefinition> seeds = new HashMap<>(DEFAULTS);
		initial.forEach((name, limits) -> {
			PlanDefinition known = DEFAULTS.get(name);
			seeds.put(name, new PlanDefinition(name, (known != null) ? known.displayName() : name, limits, 1,
					Instant.EPOCH, List.of()));
		});
		this.seeds = Map.copyOf(seeds);
	}

	private static PlanDefinition seed(String name, String displayName, int perMinute, int burst, int perDay) {
		return new PlanDefinition(name, displayName, new Limits(perMinute, burst, perDay), 1, Instant.EPOCH, List.of());
	}

	/**
	 * Writes the starting plans that are absent (each replica may try; one wins), with
	 * the limits {@code leadwire.plans.initial.<name>.*} gives instead of the defaults'
	 * where set (a deployment's starting values, e.g. a benchmark's lifted limits; once a
	 * plan is written, only administrators change it).
	 */
	@Override
	public void run(ApplicationArguments args) {
		for (PlanDefinition plan : this.seeds.values()) {
			if (this.mongo.findById(plan.name(), PlanDefinition.class) == null) {
				try {
					this.mongo.insert(plan);
				}
				catch (DuplicateKeyException ex) {
					log.debug("Plan {} written by another replica", plan.name());
				}
			}
		}
	}

	/**
	 * Every plan, the cheapest first: those stored, and the starting plans not stored yet
	 * (a gateway asking while this service starts gets the table it will keep, not an
	 * empty one it would hold until its next refresh).
	 */
	public List<PlanDefinition> list() {
		List<PlanDefinition> stored = this.mongo
			.find(new Query().with(Sort.by("limits.perMinute", "_id")).limit(MAX_PLANS), PlanDefinition.class);
		java.util.Set<String> names = new java.util.HashSet<>();
		stored.forEach((plan) -> names.add(plan.name()));
		List<PlanDefinition> all = new java.util.ArrayList<>(stored);
		this.seeds.values().stream().filter((seed) -> !names.contains(seed.name())).forEach(all::add);
		all.sort(java.util.Comparator.comparingInt((PlanDefinition plan) -> plan.limits().perMinute())
			.thenComparing(PlanDefinition::name));
		return all.subList(0, Math.min(all.size(), MAX_PLANS));
	}

	/** The plan named so; 404 when there is none. */
	public PlanDefinition get(String name) {
		PlanDefinition plan = (name != null) ? this.mongo.findById(name, PlanDefinition.class) : null;
		if (plan == null && name != null) {
			plan = this.seeds.get(name);
		}
		if (plan == null) {
			throw ApiException.notFound();
		}
		return plan;
	}

	public boolean exists(String name) {
		return name != null
				&& (this.mongo.findById(name, PlanDefinition.class) != null || this.seeds.containsKey(name));
	}

	/**
	 * The limits a tenant's requests are held to: its own (an administrator's override,
	 * for Enterprise customers) or else its plan's.
	 */
	public Limits effective(Tenant tenant) {
		return (tenant.limits() != null) ? tenant.limits() : get(tenant.plan()).limits();
	}

	/**
	 * Creates or changes a plan. With {@code expectedRevision} (the {@code If-Match} of
	 * the plan's {@code ETag}) it changes only that revision: 412 when another change
	 * came first.
	 */
	PlanDefinition put(String name, String displayName, Limits limits, Long expectedRevision) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		PlanDefinition current = this.mongo.findById(name, PlanDefinition.class);
		OutboxEvent event = changed(name, "PlanChanged");
		if (current == null) {
			if (expectedRevision != null) {
				throw ETags.stale();
			}
			if (this.mongo.count(new Query(), PlanDefinition.class) >= MAX_PLANS) {
				throw ApiException.conflict(ErrorCodes.INVALID_STATE, "At most " + MAX_PLANS + " plans");
			}
			try {
				PlanDefinition created = this.mongo
					.insert(new PlanDefinition(name, displayName, limits, 1, now, List.of(event)));
				this.relay.ifAvailable(OutboxRelay::nudge);
				return created;
			}
			catch (DuplicateKeyException ex) {
				throw ApiException.conflict(ErrorCodes.INVALID_STATE, "The plan was created meanwhile; try again");
			}
		}
		if (expectedRevision != null && expectedRevision != current.revision()) {
			throw ETags.stale();
		}
		PlanDefinition updated = this.mongo.findAndModify(
				Query.query(Criteria.where("_id").is(name).and("revision").is(current.revision())),
				new Update().set("displayName", displayName)
					.set("limits", limits)
					.set("updatedAt", now)
					.inc("revision", 1)
					.push(OutboxEvent.FIELD, event),
				FindAndModifyOptions.options().returnNew(true), PlanDefinition.class);
		if (updated == null) {
			throw ETags.stale();
		}
		this.relay.ifAvailable(OutboxRelay::nudge);
		return updated;
	}

	OutboxEvent changed(String name, String type) {
		EventEnvelope<Map<String, Object>> envelope = EventEnvelope.of(type, null, null, RequestIds.current(),
				Map.of("plan", name));
		return OutboxEvent.of(TOPIC, "plan:" + name, envelope, this.json);
	}

}
