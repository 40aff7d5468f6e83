package io.leadwire.webhooks.endpoint;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.api.ETags;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.crypto.SecretBox;
import io.leadwire.common.id.IdAllocator;
import io.leadwire.common.net.AddressGuard;
import io.leadwire.webhooks.EventTypes;
import io.leadwire.webhooks.WebhookProperties;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;

/**
 * Tenants' endpoints: made, changed, rotated and deleted for requests, and read, disabled
 * and marked failing or healthy for deliveries.
 */
@Service
public class Endpoints {

	static final Duration DEFAULT_GRACE = Duration.ofDays(1);

	private final EndpointStore store;

	private final IdAllocator ids;

	private final SecretBox secrets;

	private final WebhookProperties properties;

	private final ApplicationEventPublisher events;

	private final ObjectMapper json;

	private final Clock clock;

	Endpoints(EndpointStore store, IdAllocator ids, SecretBox secrets, WebhookProperties properties,
			ApplicationEventPublisher events, ObjectMapper json) {
		this.store = store;
		this.ids = ids;
		this.secrets = secrets;
		this.properties = properties;
		this.events = events;
		this.json = json;
		this.clock = Clock.systemUTC();
	}

	/** A new endpoint and its secret, in plain text this once. */
	record Created(Endpoint endpoint, String secret) {
	}

	Created create(TenantScope scope, NewEndpoint request) {
		String url = checkedUrl(request.url());
		List<String> types = checkedTypes(request.eventTypes());
		if (this.store.count(scope) >= this.properties.maxEndpoints()) {
			throw ApiException.conflict(ErrorCodes.INVALID_STATE,
					"At most " + this.properties.maxEndpoints() + " webhook endpoints per environment");
		}
		Instant now = this.clock.instant();
		String secret = Signatures.newSecret();
		Endpoint endpoint = new Endpoint(this.ids.next(), scope.tenantId(), scope.environment(), url,
				request.description(), types, request.enabled() == null || request.enabled(), null, null,
				List.of(new Endpoint.Secret(this.secrets.seal(secret), now, null)), null, 1, now, now, null);
		this.store.insert(endpoint);
		return new Created(endpoint, secret);
	}

	List<Endpoint> list(TenantScope scope, long offset, int limit) {
		return this.store.list(scope, offset, limit);
	}

	long count(TenantScope scope) {
		return this.store.count(scope);
	}

	/** The scope's endpoint {@code id}; 404 when it has none of that id. */
	public Endpoint require(TenantScope scope, long id) {
		return this.store.find(scope, id).orElseThrow(ApiException::notFound);
	}

	/**
	 * Changes the fields given, from the version {@code If-Match} names (or the latest).
	 */
	Endpoint update(TenantScope scope, long id, EndpointRequest request, String ifMatch) {
		Long expected = ETags.expected(ifMatch);
		String url = (request.url() != null) ? checkedUrl(request.url()) : null;
		List<String> types = (request.eventTypes() != null) ? checkedTypes(request.eventTypes()) : null;
		return changed(scope, id, expected, (endpoint) -> {
			Update change = new Update();
			if (url != null) {
				change.set("url", url);
			}
			if (request.description() != null) {
				change.set("description", request.description());
			}
			if (types != null) {
				change.set("eventTypes", types);
			}
			if (request.enabled() != null) {
				change.set("enabled", request.enabled());
				if (request.enabled()) {
					change.unset("disabledReason").unset("disabledAt").unset("failingSince");
				}
			}
			return change;
		});
	}

	/**
	 * A new current secret; the previous one signs beside it for {@code grace} (an older
	 * previous one stops at once).
	 */
	Created rotate(TenantScope scope, long id, Duration grace, String ifMatch) {
		String secret = Signatures.newSecret();
		String sealed = this.secrets.seal(secret);
		Endpoint rotated = changed(scope, id, ETags.expected(ifMatch), (endpoint) -> {
			Instant now = this.clock.instant();
			List<Endpoint.Secret> kept = new ArrayList<>();
			kept.add(new Endpoint.Secret(sealed, now, null));
			for (Endpoint.Secret old : endpoint.secrets()) {
				if (old.expiresAt() == null && !grace.isZero()) {
					kept.add(new Endpoint.Secret(old.sealed(), old.createdAt(), now.plus(grace)));
				}
			}
			return new Update().set("secrets", kept);
		});
		return new Created(rotated, secret);
	}

	void delete(TenantScope scope, long id) {
		if (!this.store.delete(scope, id)) {
			throw ApiException.notFound();
		}
		this.events.publishEvent(new EndpointRemoved(id));
	}

	/** An endpoint by id, for a delivery (whoever's it is). */
	public Optional<Endpoint> forDelivery(long id) {
		return this.store.findById(id);
	}

	/** The endpoints of these tenants, both environments. */
	public List<Endpoint> ofTenants(Collection<Long> tenantIds) {
		return tenantIds.isEmpty() ? List.of() : this.store.ofTenants(tenantIds);
	}

	/** The secrets that sign a delivery made now, opened. */
	public List<String> signingSecrets(Endpoint endpoint) {
		return endpoint.signingSecrets(this.clock.instant())
			.stream()
			.map((secret) -> this.secrets.open(secret.sealed()))
			.toList();
	}

	/**
	 * Disables an endpoint that keeps failing, publishing
	 * {@code WebhookEndpointDisabled}; false if it was disabled already.
	 */
	public boolean disable(Endpoint endpoint, String reason) {
		Instant now = this.clock.instant();
		return this.store.disable(endpoint.id(), reason, now,
				EndpointEvents.disabled(endpoint, reason, now, this.json));
	}

	public void failing(Endpoint endpoint, Instant at) {
		if (endpoint.failingSince() == null) {
			this.store.failing(endpoint.id(), at);
		}
	}

	public void healthy(Endpoint endpoint) {
		if (endpoint.failingSince() != null) {
			this.store.healthy(endpoint.id());
		}
	}

	/**
	 * Applies the change made from the endpoint as it is now, conditioned on its version
	 * (the one {@code expected}, or else the one just read, trying again a few times if
	 * another change came between).
	 */
	private Endpoint changed(TenantScope scope, long id, Long expected,
			java.util.function.Function<Endpoint, Update> change) {
		for (int attempt = 0; attempt < 5; attempt++) {
			Endpoint endpoint = require(scope, id);
			if (expected != null && expected != endpoint.version()) {
				throw ETags.stale();
			}
			Optional<Endpoint> changed = this.store.change(scope, id, endpoint.version(), change.apply(endpoint),
					this.clock.instant());
			if (changed.isPresent()) {
				return changed.get();
			}
			if (expected != null) {
				throw ETags.stale();
			}
		}
		throw ApiException.conflict(ErrorCodes.INVALID_STATE, "The endpoint is changing: try again");
	}

	/**
	 * The URL, if deliveries may go there: absolute {@code http(s)}, no credentials in
	 * it, and a host that is public ({@link AddressGuard}: checked again at every
	 * connection, so a name that later resolves inside our network is refused then).
	 */
	String checkedUrl(String raw) {
		String url = raw.strip();
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw ApiException.validation("url", "must be an absolute http(s) URL");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null || uri.isOpaque()) {
			throw ApiException.validation("url", "must be an absolute http(s) URL");
		}
		if (uri.getRawUserInfo() != null) {
			throw ApiException.validation("url", "must not carry credentials: sign-in data belongs in your receiver");
		}
		if (uri.getRawFragment() != null) {
			throw ApiException.validation("url", "must not have a fragment");
		}
		Map<String, String> testHosts = this.properties.testHosts();
		if (!testHosts.containsKey(uri.getHost().toLowerCase(Locale.ROOT)) && AddressGuard.refusesHost(uri.getHost())) {
			throw ApiException.validation("url",
					"must be on a public host: " + uri.getHost() + " is not reachable from the internet");
		}
		return url;
	}

	static List<String> checkedTypes(List<String> requested) {
		if (requested == null) {
			return List.of();
		}
		LinkedHashSet<String> types = new LinkedHashSet<>();
		for (int i = 0; i < requested.size(); i++) {
			String type = requested.get(i).strip();
			if (!EventTypes.known(type)) {
				throw ApiException.validation("eventTypes[" + i + "]",
						"is not an event type: one of " + String.join(", ", EventTypes.CATALOGUE.keySet()));
			}
			types.add(type);
		}
		return List.copyOf(types);
	}

}
