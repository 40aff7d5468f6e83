package io.leadwire.messaging.template;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.RequestIds;
import io.leadwire.common.context.Environment;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.event.EventEnvelope;
import io.leadwire.common.id.IdAllocator;
import io.leadwire.common.outbox.OutboxEvent;
import io.leadwire.messaging.provider.ProviderException;
import io.leadwire.messaging.provider.cloud.CloudProvider;
import io.leadwire.messaging.session.Session;
import io.leadwire.messaging.session.SessionStore;
import tools.jackson.databind.ObjectMapper;

/**
 * Message templates (docs/templates.md): created, edited and deleted by the tenant, each
 * submitted for review to every account of its scope — the WhatsApp Business Account of
 * each live Cloud session ({@code message_templates}), the sandbox's simulated Meta for
 * test data (which approves at once) — and kept current from Meta's
 * {@code message_template_status_update} webhooks (a review older than the one held
 * changes nothing). {@code TemplateCreated} and {@code TemplateDeleted} go out on
 * {@code messaging.events} with the write (a partner's companies count them).
 */
@Service
public class Templates implements io.leadwire.messaging.provider.TemplateReviews {

	/** The sandbox's simulated Meta, which reviews test data's templates. */
	public static final String SANDBOX = "sandbox";

	static final int MAX_PER_SCOPE = 250;

	private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,59}");

	private static final Logger log = LoggerFactory.getLogger(Templates.class);

	private final TemplateStore store;

	private final SessionStore sessions;

	private final ObjectProvider<CloudProvider> cloud;

	private final IdAllocator ids;

	private final ObjectMapper json;

	private final io.leadwire.messaging.provider.Providers providers;

	Templates(TemplateStore store, SessionStore sessions, ObjectProvider<CloudProvider> cloud, IdAllocator ids,
			ObjectMapper json, io.leadwire.messaging.provider.Providers providers) {
		this.providers = providers;
		this.store = store;
		this.sessions = sessions;
		this.cloud = cloud;
		this.ids = ids;
		this.json = json;
	}

	Template create(TenantScope scope, TemplateRequest request) {
		Checked checked = check(request);
		if (this.store.count(scope) >= MAX_PER_SCOPE) {
			throw ApiException.validation("name", "at most " + MAX_PER_SCOPE + " templates; delete one first");
		}
		long id = this.ids.next();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Template template = new Template(id, scope.tenantId(), scope.environment(), request.name(), request.language(),
				request.category(), blankToNull(request.header()), request.body(), blankToNull(request.footer()),
				checked.variables(), checked.examples(), List.of(), now, now, 0, null,
				List.of(event("TemplateCreated", scope, id)));
		this.store.insert(template);
		return submit(scope, id);
	}

	Template update(TenantScope scope, long id, TemplateRequest request) {
		require(scope, id);
		Checked checked = check(request);
		this.store.update(id,
				(current) -> new Template(current.id(), current.tenantId(), current.environment(), request.name(),
						request.language(), request.category(), blankToNull(request.header()), request.body(),
						blankToNull(request.footer()), checked.variables(), checked.examples(),
						// Edited: every account reviews it again (Meta keeps its id).
						current.reviews()
							.stream()
							.map((review) -> new Template.Review(review.account(), review.wabaId(),
									review.metaTemplateId(), "PENDING", null, Instant.now()))
							.toList(),
						current.createdAt(), current.updatedAt(), current.version(), null, null));
		return submit(scope, id);
	}

	void delete(TenantScope scope, long id) {
		require(scope, id);
		this.store.update(id,
				(current) -> new Template(current.id(), current.tenantId(), current.environment(), current.name(),
						current.language(), current.category(), current.header(), current.body(), current.footer(),
						current.variables(), current.examples(), current.reviews(), current.createdAt(),
						current.updatedAt(), current.version(), Instant.now(), null),
				event("TemplateDeleted", scope, id));
	}

	public Template require(TenantScope scope, long id) {
		return this.store.find(scope, id).orElseThrow(() -> new ApiException(404, "not_found", "Template not found"));
	}

	List<Template> list(TenantScope scope, int skip, int limit) {
		return this.store.list(scope, skip, limit);
	}

	long count(TenantScope scope) {
		return this.store.count(scope);
	}

	/**
	 * Submits the template to each account of its scope that has not reviewed this
	 * version of it: the sandbox for test data, each live Cloud session's business
	 * account (one submission per account). A submission Meta refuses or cannot take is
	 * kept as {@code NOT_SUBMITTED} with the reason; {@code POST
	 * /v1/templates/{id}/submit} tries again.
	 */
	public Template submit(TenantScope scope, long id) {
		Template template = require(scope, id);
		Map<String, Session> accounts = accounts(scope);
		List<Template.Review> reviews = new ArrayList<>();
		for (Map.Entry<String, Session> account : accounts.entrySet()) {
			Template.Review held = template.review(account.getKey());
			if (held != null && !"PENDING".equals(held.status()) && !"NOT_SUBMITTED".equals(held.status())) {
				reviews.add(held);
				continue;
			}
			reviews.add(review(template, account.getKey(), account.getValue(), held));
		}
		Template written = this.store.update(id,
				(current) -> new Template(current.id(), current.tenantId(), current.environment(), current.name(),
						current.language(), current.category(), current.header(), current.body(), current.footer(),
						current.variables(), current.examples(), merge(current, reviews), current.createdAt(),
						current.updatedAt(), current.version(), null, null));
		return (written != null) ? written : require(scope, id);
	}

	/**
	 * Meta (or the sandbox's simulated Meta) reviewed a template: its status in the
	 * account becomes {@code event}'s ({@code REINSTATED} is approved again), unless a
	 * newer review is held.
	 * @return whether a template of ours changed
	 */
	@Override
	public boolean reviewed(String account, String metaTemplateId, String event, String reason, Instant at) {
		Template template = this.store.byReview(account, metaTemplateId).orElse(null);
		if (template == null) {
			log.warn("A template review for a template we do not know was ignored ({})", event);
			return false;
		}
		String status = "REINSTATED".equals(event) ? Template.APPROVED : event;
		return this.store.update(template.id(), (current) -> {
			Template.Review held = current.review(account);
			// Meta's times are whole seconds: within one, the later write wins.
			if (held == null
					|| (held.updatedAt() != null && held.updatedAt().truncatedTo(ChronoUnit.SECONDS).isAfter(at))
					|| (status.equals(held.status()) && java.util.Objects.equals(reason, held.reason()))) {
				return null;
			}
			List<Template.Review> reviews = current.reviews()
				.stream()
				.map((review) -> review.account().equals(account)
						? new Template.Review(account, review.wabaId(), review.metaTemplateId(), status, reason, at)
						: review)
				.toList();
			return new Template(current.id(), current.tenantId(), current.environment(), current.name(),
					current.language(), current.category(), current.header(), current.body(), current.footer(),
					current.variables(), current.examples(), reviews, current.createdAt(), current.updatedAt(),
					current.version(), null, null);
		}) != null;
	}

	/**
	 * What the template is on one of the scope's sessions (404 for another's): on a
	 * number held to Meta's customer window, its review there and whether it may be sent;
	 * on one without (WAHA), always sendable, as its filled-in body.
	 */
	ForSession forSession(TenantScope scope, Template template, long sessionId) {
		Session session = this.sessions.require(scope, sessionId);
		boolean window;
		try {
			window = this.providers.get(session.provider()).customerWindow(session.providerSession());
		}
		catch (ProviderException ex) {
			window = this.providers.get(session.provider()).capabilities().customerWindow();
		}
		if (!window) {
			return new ForSession(sessionId, false, null, true);
		}
		Template.Review review = template.review(accountOf(session));
		String status = (review != null) ? review.status() : "NOT_SUBMITTED";
		return new ForSession(sessionId, true, status, sendable(status));
	}

	/**
	 * A template on a session: whether the session is held to Meta's customer window
	 * (then it sends the template itself, once approved), its review status there, and
	 * whether it may be sent now.
	 */
	record ForSession(long sessionId, boolean customerWindow, String status, boolean sendable) {
	}

	/** The account a session's templates are reviewed in: its business account's. */
	public static String accountOf(Session session) {
		return "cloud".equals(session.provider()) ? "waba:" + session.wabaId() : SANDBOX;
	}

	/** Whether a template in this status may be sent (Meta sends flagged ones still). */
	public static boolean sendable(String status) {
		return Template.APPROVED.equals(status) || "FLAGGED".equals(status);
	}

	private Template.Review review(Template template, String account, Session session, Template.Review held) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		if (account.equals(SANDBOX)) {
			// The simulated Meta approves at once; a test can reject it
			// (POST /v1/sandbox/templates/{id}/review).
			// An id as Meta's look (never our internal one: it would leave the platform).
			String metaId = (held != null && held.metaTemplateId() != null) ? held.metaTemplateId()
					: Long.toString(java.util.concurrent.ThreadLocalRandom.current()
						.nextLong(1_000_000_000_000_000L, 10_000_000_000_000_000L));
			return new Template.Review(SANDBOX, null, metaId, Template.APPROVED, null, now);
		}
		CloudProvider provider = this.cloud.getIfAvailable();
		if (provider == null) {
			return new Template.Review(account, session.wabaId(), null, "NOT_SUBMITTED",
					"the Cloud API is not configured on this platform", now);
		}
		try {
			CloudProvider.Submitted submitted = provider.submitTemplate(session.providerSession(),
					(held != null) ? held.metaTemplateId() : null,
					new CloudProvider.TemplateSpec(template.name(), template.language(), template.category(),
							template.header(), template.body(), template.footer(), template.examples()));
			return new Template.Review(account, session.wabaId(), submitted.id(), submitted.status(), null, now);
		}
		catch (ProviderException ex) {
			log.warn("Template {} not submitted to {}: {}", template.id(), account, ex.getMessage());
			return new Template.Review(account, session.wabaId(), (held != null) ? held.metaTemplateId() : null,
					"NOT_SUBMITTED", ex.getMessage(), now);
		}
	}

	/** The reviews held, with those just made in place of theirs. */
	private static List<Template.Review> merge(Template current, List<Template.Review> made) {
		Map<String, Template.Review> all = new LinkedHashMap<>();
		current.reviews().forEach((review) -> all.put(review.account(), review));
		made.forEach((review) -> all.put(review.account(), review));
		return List.copyOf(all.values());
	}

	/**
	 * The accounts that review the scope's templates, each with a session that reaches
	 * it: the sandbox for test data (and for live data on a platform whose sessions are
	 * the sandbox's), each live Cloud session's business account.
	 */
	private Map<String, Session> accounts(TenantScope scope) {
		Map<String, Session> accounts = new LinkedHashMap<>();
		if (scope.environment() == Environment.TEST) {
			accounts.put(SANDBOX, null);
			return accounts;
		}
		for (Session session : this.sessions.list(scope, 100)) {
			if ("cloud".equals(session.provider()) && session.wabaId() != null) {
				accounts.putIfAbsent(accountOf(session), session);
			}
			else if ("sandbox".equals(session.provider())) {
				accounts.putIfAbsent(SANDBOX, session);
			}
		}
		return accounts;
	}

	/** The request's variables, each with its example; 422 naming what is wrong. */
	static Checked check(TemplateRequest request) {
		List<ApiResponse.FieldError> errors = new ArrayList<>();
		Set<String> variables = new LinkedHashSet<>();
		collect(request.body(), "body", variables, errors);
		if (request.header() != null) {
			Set<String> inHeader = new LinkedHashSet<>();
			collect(request.header(), "header", inHeader, errors);
			if (inHeader.size() > 1) {
				errors.add(new ApiResponse.FieldError("header", "at most one variable (Meta's rule)"));
			}
			variables.addAll(inHeader);
		}
		if (request.footer() != null && VARIABLE.matcher(request.footer()).find()) {
			errors.add(new ApiResponse.FieldError("footer", "may not hold variables (Meta's rule)"));
		}
		String body = request.body().strip();
		if (body.startsWith("{{") || body.endsWith("}}")) {
			errors.add(new ApiResponse.FieldError("body",
					"may not start or end with a variable (Meta rejects it): add words around it"));
		}
		if (Pattern.compile("}}\\s*\\{\\{").matcher(body).find()) {
			errors.add(new ApiResponse.FieldError("body",
					"has two variables next to each other (Meta rejects it): put words between them"));
		}
		Map<String, String> examples = (request.examples() != null) ? request.examples() : Map.of();
		for (String variable : variables) {
			if (!examples.containsKey(variable)) {
				errors.add(new ApiResponse.FieldError("examples." + variable,
						"an example value is required for each variable (Meta reviews the template with them)"));
			}
		}
		for (String given : examples.keySet()) {
			if (!variables.contains(given)) {
				errors.add(new ApiResponse.FieldError("examples." + given, "is not a variable of the template"));
			}
		}
		if (!errors.isEmpty()) {
			throw ApiException.validation(errors);
		}
		Map<String, String> kept = new LinkedHashMap<>();
		variables.forEach((variable) -> kept.put(variable, examples.get(variable)));
		return new Checked(List.copyOf(variables), kept);
	}

	private static void collect(String text, String field, Set<String> variables, List<ApiResponse.FieldError> errors) {
		Matcher matcher = VARIABLE.matcher(text);
		while (matcher.find()) {
			String name = matcher.group(1);
			if (!NAME.matcher(name).matches()) {
				errors.add(new ApiResponse.FieldError(field, "{{" + name
						+ "}} is not a named variable: lowercase letters, digits and underscores, such as {{first_name}}"));
			}
			else {
				variables.add(name);
			}
		}
	}

	private OutboxEvent event(String type, TenantScope scope, long id) {
		return OutboxEvent.of("messaging.events", Long.toString(id), EventEnvelope.of(type, scope.tenantId(),
				scope.environment(), RequestIds.current(), new TemplateEvent(id, Instant.now())), this.json);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/** The variables found and their examples. */
	record Checked(List<String> variables, Map<String, String> examples) {
	}

	/** {@code TemplateCreated} and {@code TemplateDeleted}'s payload. */
	record TemplateEvent(long templateId, Instant at) {
	}

}
