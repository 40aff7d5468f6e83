package io.leadwire.messaging.provider;

import java.util.Map;

/**
 * What a provider can do, shown on every session of it: the message types it sends (a
 * type it cannot send maps to the reason, for the 422), whether it can check numbers, and
 * the most messages a session may send per minute through it.
 *
 * @param unsupported types it cannot send, each with why
 * @param customerWindow Meta's rule: free-form messages only within 24 h of the
 * recipient's last message, templates at any time (false: any type at any time)
 * @param reconciles whether the provider keeps a record of what it received that
 * {@link MessagingProvider#lookup} can ask (a send of unknown outcome is then reconciled
 * by asking); a provider that keeps none (Cloud) names our message in its status webhooks
 * instead, and a send of unknown outcome waits for one of those
 * @param maxInFlight how many sends of one session may await the provider's answer at
 * once (WAHA drives one phone: 1; a Cloud number many, its throughput × latency)
 */
public record Capabilities(Map<MessageType, String> unsupported, boolean numberChecks, int maxPerMinute,
		boolean customerWindow, boolean reconciles, int maxInFlight) {

	public boolean sends(MessageType type) {
		return !this.unsupported.containsKey(type);
	}

	/** Why {@code type} cannot be sent through this provider (null when it can). */
	public String reason(MessageType type) {
		return this.unsupported.get(type);
	}

}
