package io.leadwire.messaging.number;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.phone.InvalidPhoneNumberException;
import io.leadwire.common.phone.PhoneNumbers;
import io.leadwire.messaging.provider.MessagingProvider;
import io.leadwire.messaging.provider.NumberCheck;
import io.leadwire.messaging.provider.ProviderException;
import io.leadwire.messaging.provider.Providers;
import io.leadwire.messaging.session.Session;
import io.leadwire.messaging.session.SessionGoneException;
import io.leadwire.messaging.session.SessionStore;

/**
 * "Is this number on WhatsApp?" (docs/api.md §5), asked through a session's provider (the
 * caller's, or its first working session), cached per tenant and environment
 * ({@code number_checks}: a positive answer for {@code ttl}, a negative one for
 * {@code negative-ttl}) and paced per session ({@code rate-per-minute}, apart from the
 * session's sends) because bulk checks get numbers banned. A request waits for its
 * session's check slots up to {@code max-wait}; past that the remaining numbers answer
 * 429 with {@code Retry-After}. Providers that cannot check (the Cloud API has no such
 * call) are a 422.
 */
@Service
public class NumberChecks {

	static final int MAX_BULK = 20;

	private final NumberCheckCache cache;

	private final SessionStore sessions;

	private final Providers providers;

	private final PhoneNumbers phones;

	private final Duration ttl;

	private final Duration negativeTtl;

	private final long intervalMillis;

	private final Duration maxWait;

	NumberChecks(NumberCheckCache cache, SessionStore sessions, Providers providers, PhoneNumbers phones,
			@Value("${leadwire.messaging.number-checks.ttl:24h}") Duration ttl,
			@Value("${leadwire.messaging.number-checks.negative-ttl:6h}") Duration negativeTtl,
			@Value("${leadwire.messaging.number-checks.rate-per-minute:60}") int ratePerMinute,
			@Value("${leadwire.messaging.number-checks.max-wait:10s}") Duration maxWait) {
		this.cache = cache;
		this.sessions = sessions;
		this.providers = providers;
		this.phones = phones;
		this.ttl = ttl;
		this.negativeTtl = negativeTtl;
		this.intervalMillis = 60_000L / Math.max(1, ratePerMinute);
		this.maxWait = maxWait;
	}

	List<NumberCheckView> check(TenantScope scope, List<String> inputs, Long sessionId) {
		List<String> numbers = normalise(inputs, MAX_BULK);
		Session session = checkingSession(scope, sessionId);
		MessagingProvider provider = this.providers.get(session.provider());
		Instant deadline = Instant.now().plus(this.maxWait);
		List<NumberCheckView> answers = new ArrayList<>();
		for (String phone : numbers) {
			NumberCheckView cached = cached(scope, phone);
			answers.add((cached != null) ? cached : ask(scope, session, provider, phone, deadline));
		}
		return answers;
	}

	/**
	 * The distinct numbers of a request in E.164, in order; a 422 naming the first that
	 * is not a phone number, or when there are none or more than {@code max}.
	 */
	List<String> normalise(List<String> inputs, int max) {
		if (inputs == null || inputs.isEmpty()) {
			throw ApiException.validation("phones", "is required: 1 to " + max + " phone numbers");
		}
		if (inputs.size() > max) {
			throw ApiException.validation("phones", "at most " + max + " numbers per request");
		}
		Set<String> numbers = new LinkedHashSet<>();
		for (String input : inputs) {
			try {
				numbers.add(this.phones.toE164(input));
			}
			catch (InvalidPhoneNumberException | NullPointerException ex) {
				throw ApiException.validation("phones", "'" + input + "' is not a phone number");
			}
		}
		return List.copyOf(numbers);
	}

	/** The session to check with, which must be able to (the Cloud API cannot). */
	Session checkingSession(TenantScope scope, Long sessionId) {
		Session session = session(scope, sessionId);
		MessagingProvider provider = this.providers.get(session.provider());
		if (!provider.capabilities().numberChecks()) {
			throw ApiException.validation("sessionId",
					"a " + provider.name() + " session cannot check numbers: the provider has no such call");
		}
		return session;
	}

	/**
	 * The chat id to send {@code phone} to through {@code session}: the one a number
	 * check gave when it differs from the digits (WAHA: some Brazilian numbers are on
	 * WhatsApp without their ninth digit). A Brazilian mobile number not checked yet is
	 * checked first (and cached) when the provider can; a failed check sends to the
	 * digits. Other numbers are sent to their digits without a look at the cache.
	 */
	public String chatIdForSend(Session session, String phone) {
		if (!phone.startsWith("+55")) {
			// Only Brazilian mobiles have a chat id other than their own digits.
			return null;
		}
		TenantScope scope = session.scope();
		NumberCheckView cached = cached(scope, phone);
		MessagingProvider provider = this.providers.get(session.provider());
		if (cached == null && phone.startsWith("+55") && provider.capabilities().numberChecks()) {
			try {
				cached = remember(scope, phone, provider.checkNumber(session.providerSession(), phone));
			}
			catch (ProviderException ex) {
				return null;
			}
		}
		if (cached == null || cached.whatsappJid() == null
				|| cached.whatsappJid().equals(io.leadwire.messaging.provider.waha.WahaPayloads.chatId(phone))) {
			return null;
		}
		return cached.whatsappJid();
	}

	/**
	 * One number for a bulk job: from the cache, else asked once the session's next check
	 * slot opens (waiting for it, however long: jobs are the way to check many numbers).
	 */
	NumberCheckView checkPaced(TenantScope scope, Session session, String phone)
			throws ProviderException, SessionGoneException {
		NumberCheckView cached = cached(scope, phone);
		if (cached != null) {
			return cached;
		}
		for (;;) {
			Duration wait = this.sessions.takeCheckSlot(session, this.intervalMillis, Instant.now());
			if (wait == null) {
				break;
			}
			sleep(wait);
		}
		return remember(scope, phone,
				this.providers.get(session.provider()).checkNumber(session.providerSession(), phone));
	}

	private NumberCheckView ask(TenantScope scope, Session session, MessagingProvider provider, String phone,
			Instant deadline) {
		for (;;) {
			Duration wait;
			try {
				wait = this.sessions.takeCheckSlot(session, this.intervalMillis, Instant.now());
			}
			catch (SessionGoneException ex) {
				throw new ApiException(404, "not_found", "Session not found");
			}
			if (wait == null) {
				break;
			}
			if (Instant.now().plus(wait).isAfter(deadline)) {
				throw new ApiException(429, ErrorCodes.RATE_LIMITED,
						"Number checks are paced per session to keep "
								+ "it from being banned; the rest of this list can be checked in a moment")
					.retryAfter(wait);
			}
			sleep(wait);
		}
		try {
			return remember(scope, phone, provider.checkNumber(session.providerSession(), phone));
		}
		catch (ProviderException ex) {
			throw new ApiException(502, "provider_error",
					"The provider could not check the number: " + ex.getMessage());
		}
	}

	private NumberCheckView remember(TenantScope scope, String phone, NumberCheck answer) {
		Instant now = Instant.now();
		Instant expires = now.plus(answer.exists() ? this.ttl : this.negativeTtl);
		this.cache.remember(scope, phone, answer.exists(), answer.chatId(), now, expires);
		return NumberCheckView.of(phone, answer.exists(), answer.chatId(), now, false);
	}

	/** A cached answer still within its time to live; expired ones are not used. */
	private NumberCheckView cached(TenantScope scope, String phone) {
		return this.cache.find(scope, phone);
	}

	private Session session(TenantScope scope, Long sessionId) {
		if (sessionId != null) {
			return this.sessions.require(scope, sessionId);
		}
		return this.sessions.firstWorking(scope)
			.orElseThrow(() -> ApiException.validation("sessionId",
					"no working session to check with: create one, or name it with session_id"));
	}

	private static void sleep(Duration wait) {
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ApiException(503, "service_unavailable", "interrupted");
		}
	}

}
