package io.leadwire.webhooks.intake;

import java.time.Instant;
import java.util.Locale;

import io.leadwire.common.context.Environment;
import io.leadwire.common.id.IdCodec;
import io.leadwire.webhooks.EventTypes;
import io.leadwire.webhooks.Payloads;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the platform's events into webhook events (docs/webhooks.md, "Event types"):
 * which type each becomes, the resource whose events stay in order ({@code orderKey}),
 * and the payload, with public ids. Events no endpoint can subscribe to map to null.
 */
@Component
class EventMapper {

	private final IdCodec ids;

	private final ObjectMapper json;

	EventMapper(IdCodec ids, ObjectMapper json) {
		this.ids = ids;
		this.json = json;
	}

	/** A platform event as a webhook event. */
	record Mapped(long tenantId, Environment environment, String eventId, String type, String orderKey,
			String payload) {
	}

	/** The envelope as the intake reads it (docs/architecture.md, "Events"). */
	record Envelope(String eventId, String type, Instant occurredAt, Long tenantId, Environment environment,
			JsonNode payload) {
	}

	/**
	 * The webhook event type a platform event of {@code eventType} becomes, or null when
	 * no endpoint can subscribe to it.
	 */
	static String webhookType(String eventType) {
		return switch (eventType) {
			case "MessageSent", "MessageDelivered", "MessageRead", "MessageFailed" -> EventTypes.MESSAGE_STATUS;
			case "MessageReceived" -> EventTypes.MESSAGE_INBOUND;
			case "SessionStatusChanged", "SessionDeleted" -> EventTypes.SESSION_STATUS;
			case "CampaignStatusChanged" -> EventTypes.CAMPAIGN_STATUS;
			case "ContactOptedOut" -> EventTypes.CONTACT_OPTED_OUT;
			case "ContactOptedIn" -> EventTypes.CONTACT_OPTED_IN;
			case "ImportCompleted" -> EventTypes.IMPORT_COMPLETED;
			case "LeadVerified" -> EventTypes.LEAD_VERIFIED;
			case "WebhookEndpointDisabled" -> EventTypes.ENDPOINT_DISABLED;
			default -> null;
		};
	}

	Mapped map(Envelope event) {
		if (event.eventId() == null || event.type() == null || event.tenantId() == null || event.environment() == null
				|| event.payload() == null || !event.payload().isObject()) {
			return null;
		}
		String type = webhookType(event.type());
		if (type == null) {
			return null;
		}
		JsonNode in = event.payload();
		ObjectNode data = this.json.createObjectNode();
		String orderKey;
		switch (type) {
			case EventTypes.MESSAGE_STATUS -> {
				orderKey = "message:" + in.path("messageId").asLong();
				id(data, "messageId", in);
				id(data, "sessionId", in);
				id(data, "campaignId", in);
				text(data, "to", in);
				text(data, "status", in);
				text(data, "error", in);
				text(data, "at", in);
			}
			case EventTypes.MESSAGE_INBOUND -> {
				orderKey = "chat:" + in.path("sessionId").asLong() + ":" + in.path("from").asString("");
				id(data, "messageId", in);
				id(data, "sessionId", in);
				text(data, "from", in);
				text(data, "to", in);
				text(data, "text", in);
				text(data, "at", in);
			}
			case EventTypes.SESSION_STATUS -> {
				orderKey = "session:" + in.path("sessionId").asLong();
				id(data, "sessionId", in);
				text(data, "name", in);
				text(data, "provider", in);
				if (event.type().equals("SessionDeleted")) {
					data.put("status", "deleted");
				}
				else {
					text(data, "status", in);
				}
				text(data, "phone", in);
				text(data, "qualityRating", in);
				text(data, "messagingLimitTier", in);
				text(data, "at", in);
			}
			case EventTypes.CAMPAIGN_STATUS -> {
				orderKey = "campaign:" + in.path("campaignId").asLong();
				id(data, "campaignId", in);
				text(data, "name", in);
				text(data, "status", in);
				text(data, "previousStatus", in);
				text(data, "reason", in);
				text(data, "at", in);
			}
			case EventTypes.CONTACT_OPTED_OUT, EventTypes.CONTACT_OPTED_IN -> {
				orderKey = "phone:" + in.path("phone").asString("");
				id(data, "contactId", in);
				text(data, "phone", in);
				text(data, "source", in);
			}
			case EventTypes.IMPORT_COMPLETED -> {
				orderKey = null;
				id(data, "importId", in);
				text(data, "resource", in);
				text(data, "status", in);
				for (String count : new String[] { "totalRows", "created", "updated", "skipped", "failed" }) {
					if (in.has(count)) {
						data.put(count, in.path(count).asLong());
					}
				}
				text(data, "error", in);
			}
			case EventTypes.LEAD_VERIFIED -> {
				orderKey = "lead:" + in.path("leadId").asLong();
				id(data, "leadId", in);
				id(data, "batchId", in);
				text(data, "website", in);
				text(data, "websiteStatus", in);
				if (in.has("httpStatus") && !in.path("httpStatus").isNull()) {
					data.put("httpStatus", in.path("httpStatus").asInt());
				}
				text(data, "checkedAt", in);
			}
			case EventTypes.ENDPOINT_DISABLED -> {
				orderKey = null;
				id(data, "endpointId", in);
				text(data, "url", in);
				text(data, "reason", in);
				text(data, "at", in);
			}
			default -> {
				return null;
			}
		}
		data.put("environment", event.environment().name().toLowerCase(Locale.ROOT));
		Instant at = (event.occurredAt() != null) ? event.occurredAt() : Instant.now();
		return new Mapped(event.tenantId(), event.environment(), event.eventId(), type, orderKey,
				Payloads.render(this.json, type, at, data));
	}

	private void id(ObjectNode data, String field, JsonNode in) {
		JsonNode value = in.get(field);
		if (value != null && value.isIntegralNumber() && value.asLong() >= 0 && value.asLong() <= IdCodec.MAX_ID) {
			data.put(field, this.ids.encode(value.asLong()));
		}
	}

	private static void text(ObjectNode data, String field, JsonNode in) {
		JsonNode value = in.get(field);
		if (value != null && !value.isNull()) {
			data.put(field, value.asString());
		}
	}

}
