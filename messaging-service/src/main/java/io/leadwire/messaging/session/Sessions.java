package io.leadwire.messaging.session;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.context.Environment;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.id.IdAllocator;
import io.leadwire.messaging.provider.MessagingProvider;
import io.leadwire.messaging.provider.ProviderException;
import io.leadwire.messaging.provider.ProviderSession;
import io.leadwire.common.crypto.SecretBox;
import io.leadwire.messaging.provider.Providers;

/**
 * WhatsApp sessions (docs/api.md §5): created at their provider with our webhook and a
 * per-session HMAC secret, shown with their live status and QR code, deleted (logged out)
 * at the provider. Test keys always use the sandbox.
 */
@Service
public class Sessions {

	static final int MAX_NAME = 100;

	private final SessionStore store;

	private final Providers providers;

	private final SecretBox secrets;

	private final IdAllocator ids;

	private final String defaultProvider;

	private final String webhookBaseUrl;

	private final int defaultRate;

	private final io.leadwire.common.id.IdCodec codec;

	Sessions(SessionStore store, Providers providers, SecretBox secrets, IdAllocator ids,
			io.leadwire.common.id.IdCodec codec,
			@Value("${leadwire.messaging.default-provider:sandbox}") String defaultProvider,
			@Value("${leadwire.messaging.webhook-base-url:http://localhost:8080}") String webhookBaseUrl,
			@Value("${leadwire.messaging.default-rate-per-minute:20}") int defaultRate) {
		this.store = store;
		this.providers = providers;
		this.secrets = secrets;
		this.ids = ids;
		this.defaultProvider = defaultProvider;
		this.webhookBaseUrl = webhookBaseUrl;
		this.defaultRate = defaultRate;
		this.codec = codec;
	}

	SessionView create(TenantScope scope, SessionRequest body) {
		if (body == null || body.name() == null || body.name().isBlank()) {
			throw ApiException.validation("name", "is required");
		}
		String name = body.name().strip();
		if (name.length() > MAX_NAME) {
			throw ApiException.validation("name", "at most " + MAX_NAME + " characters");
		}
		String providerName = (scope.environment() == Environment.TEST) ? "sandbox"
				: (body.provider() != null && !body.provider().isBlank()) ? body.provider().strip()
						: this.defaultProvider;
		MessagingProvider provider = this.providers.get(providerName);
		int max = provider.capabilities().maxPerMinute();
		int rate = (body.ratePerMinute() != null) ? body.ratePerMinute() : Math.min(this.defaultRate, max);
		if (rate < 1 || rate > max) {
			throw ApiException.validation("ratePerMinute", "between 1 and " + max + " for " + providerName);
		}
		long id = this.ids.next();
		// The provider's name for it shows in provider payloads (the sandbox's mail trap
		// included): the public id, never the internal one.
		String providerSession = "lw-" + this.codec.encode(id);
		String secret = SecretBox.newSecret();
		java.util.Map<String, String> accountFields = body.account();
		if (providerName.equals("sandbox") && body.provider() != null) {
			// The sandbox plays the provider asked for (a Cloud number or WAHA's phone).
			accountFields.put("provider", body.provider().strip());
		}
		ProviderSession created;
		try {
			created = provider.create(providerSession, webhookUrl(providerName), secret, accountFields);
		}
		catch (ProviderException ex) {
			if (ex instanceof io.leadwire.messaging.provider.AccountException account) {
				throw ApiException.validation(account.field(), account.getMessage());
			}
			throw new ApiException(502, "provider_error", "The provider refused the session: " + ex.getMessage());
		}
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		boolean cloud = providerName.equals("cloud");
		io.leadwire.messaging.provider.NumberHealth health = provider.health(providerSession);
		Session session = this.store.insert(new Session(id, scope.tenantId(), scope.environment(), name, providerName,
				providerSession, created.status(), created.phone(), cloud ? body.wabaId() : null,
				cloud ? body.phoneNumberId() : null, this.secrets.seal(secret), rate, null, now, now, 0, null, null,
				health));
		return SessionView.of(session, created.status(), created.qrPng(), created.phone(), provider.capabilities(),
				window(provider, session));
	}

	/**
	 * Simulates what Meta would say of a sandbox session's number (a test key's
	 * {@code POST /v1/sandbox/sessions/{id}/number-health}): its quality rating and
	 * messaging limit change as if a webhook had come; 422 for a session of another
	 * provider.
	 */
	public Session simulateHealth(TenantScope scope, long id, String quality, String tier) {
		Session session = this.store.require(scope, id);
		if (!session.provider().equals("sandbox")) {
			throw ApiException.validation("sessionId", "only a sandbox session's number health can be simulated");
		}
		Instant now = Instant.now();
		this.store.setHealth(id, (health) -> {
			io.leadwire.messaging.provider.NumberHealth changed = health;
			if (quality != null) {
				changed = changed.withQuality(quality, now);
			}
			if (tier != null) {
				changed = changed.withTier(tier, now);
			}
			return changed;
		});
		return this.store.require(scope, id);
	}

	/**
	 * The session with its live status from the provider (the stored one if it is away).
	 */
	SessionView get(TenantScope scope, long id) {
		Session session = this.store.require(scope, id);
		MessagingProvider provider = this.providers.get(session.provider());
		try {
			ProviderSession live = provider.status(session.providerSession());
			if (!live.status().equals(session.status())) {
				this.store.setStatus(session.id(), live.status(), live.phone());
			}
			return SessionView.of(session, live.status(), live.qrPng(),
					(live.phone() != null) ? live.phone() : session.phone(), provider.capabilities(),
					window(provider, session));
		}
		catch (ProviderException ex) {
			return SessionView.of(session, session.status(), null, session.phone(), provider.capabilities(),
					window(provider, session));
		}
	}

	List<SessionView> list(TenantScope scope) {
		return this.store.list(scope, 100)
			.stream()
			.map((session) -> SessionView.of(session, session.status(), null, session.phone(),
					this.providers.get(session.provider()).capabilities(),
					window(this.providers.get(session.provider()), session)))
			.toList();
	}

	void delete(TenantScope scope, long id) {
		Session session = this.store.require(scope, id);
		try {
			this.providers.get(session.provider()).delete(session.providerSession());
		}
		catch (ProviderException ex) {
			if (!ex.retryable()) {
				throw new ApiException(502, "provider_error", "The provider refused to log out: " + ex.getMessage());
			}
			throw new ApiException(503, "service_unavailable", "The provider is unreachable; try again");
		}
		this.store.delete(scope, id);
	}

	/** Deleted sessions leave once their {@code SessionDeleted} event is out. */
	@org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${leadwire.messaging.purge-interval:60s}")
	void purgeDeleted() {
		this.store.purgeDeleted();
	}

	/** The plain webhook secret of a session, to check a webhook's signature. */
	public String webhookSecret(Session session) {
		return this.secrets.open(session.webhookSecret());
	}

	/** Whether Meta's customer window holds the session (false if it cannot be told). */
	private static boolean window(MessagingProvider provider, Session session) {
		try {
			return provider.customerWindow(session.providerSession());
		}
		catch (ProviderException ex) {
			return provider.capabilities().customerWindow();
		}
	}

	private String webhookUrl(String provider) {
		return this.webhookBaseUrl + "/v1/webhooks/" + (provider.equals("cloud") ? "cloud" : "waha");
	}

}
