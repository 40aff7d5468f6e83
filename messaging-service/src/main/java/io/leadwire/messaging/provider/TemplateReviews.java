package io.leadwire.messaging.provider;

import java.time.Instant;

/**
 * Where a provider's review of a message template goes (Meta's
 * {@code message_template_status_update}; the sandbox's simulated review): the templates,
 * which the provider adapters do not know.
 */
public interface TemplateReviews {

	/**
	 * The template Meta knows as {@code metaTemplateId} in {@code account}
	 * ({@code waba:<id>}, or {@code sandbox}) was reviewed at {@code at}.
	 * @return whether a template changed
	 */
	boolean reviewed(String account, String metaTemplateId, String event, String reason, Instant at);

}
