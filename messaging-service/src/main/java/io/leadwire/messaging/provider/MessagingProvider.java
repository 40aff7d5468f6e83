package io.leadwire.messaging.provider;

/**
 * The port every WhatsApp provider is reached through (listmonk's {@code Messenger} is
 * the model: small, one adapter per provider). Adapters translate to the provider's API
 * and nothing else: pacing, the send log, statuses and webhooks' meaning live outside.
 */
public interface MessagingProvider {

	/** {@code waha}, {@code cloud} or {@code sandbox}. */
	String name();

	Capabilities capabilities();

	/**
	 * Creates (and starts) the session at the provider, with our webhook and its HMAC
	 * secret configured there.
	 */
	ProviderSession create(String providerSession, String webhookUrl, String webhookSecret);

	/**
	 * As {@link #create(String, String, String)}, with the account the session connects
	 * (the Cloud API's {@code wabaId}, {@code phoneNumberId} and {@code accessToken});
	 * providers that need none ignore it.
	 */
	default ProviderSession create(String providerSession, String webhookUrl, String webhookSecret,
			java.util.Map<String, String> account) {
		return create(providerSession, webhookUrl, webhookSecret);
	}

	/** The session's live status (and QR code, while it waits for a scan). */
	ProviderSession status(String providerSession);

	/** Logs the session out and deletes it at the provider (idempotent). */
	void delete(String providerSession);

	/**
	 * Sends one message; returns the provider's message id (possibly empty: WAHA's
	 * response is engine-specific), acks arrive later through webhooks.
	 * @throws ProviderException when the provider refuses or cannot be reached
	 */
	String send(OutboundMessage message);

	/**
	 * Whether the provider holds {@code message} as sent by us since {@code since}: its
	 * id when it does, empty when it does not. Asked before a send whose outcome is
	 * unknown (the process died during the call, the call timed out) is tried again, so
	 * it is reconciled rather than sent twice. Asked only of providers whose capabilities
	 * say they {@code reconcile}.
	 * @throws ProviderException when the provider cannot be asked now
	 */
	default java.util.Optional<String> lookup(OutboundMessage message, java.time.Instant since) {
		return java.util.Optional.empty();
	}

	/**
	 * How long after a send of unknown outcome {@link #lookup} can tell: a real
	 * provider's record may lag its answer.
	 */
	default java.time.Duration lookupAfter() {
		return java.time.Duration.ofSeconds(1);
	}

	/**
	 * How many sends of the session may await the provider's answer at once (its
	 * capabilities' unless the session says otherwise: a sandbox session playing a Cloud
	 * number).
	 */
	default int maxInFlight(String providerSession) {
		return capabilities().maxInFlight();
	}

	/**
	 * Whether the session's number may send free-form messages only within 24 h of a
	 * recipient's last message (Meta's customer window): a campaign on it must use an
	 * approved template. The capabilities' unless the session says otherwise (a sandbox
	 * session playing a Cloud number).
	 */
	default boolean customerWindow(String providerSession) {
		return capabilities().customerWindow();
	}

	/**
	 * The least time between two sends of the session to one recipient (Meta's pair rate:
	 * about 6 s); zero when the provider has no such limit.
	 */
	default java.time.Duration pairInterval(String providerSession) {
		return java.time.Duration.ZERO;
	}

	/**
	 * What the provider says of the session's number's standing (Meta's quality rating,
	 * messaging limit and throughput for a Cloud number), read when it is connected; null
	 * when the provider has no such thing. Never throws: a provider that cannot be asked
	 * now answers what is assumed until it tells.
	 */
	default NumberHealth health(String providerSession) {
		return null;
	}

	/**
	 * Whether {@code e164} is on WhatsApp, asked through the session (only providers
	 * whose capabilities say they check numbers).
	 */
	default NumberCheck checkNumber(String providerSession, String e164) {
		throw new ProviderException(name() + " cannot check numbers", false);
	}

}
