package io.leadwire.campaign.delivery;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.leadwire.common.context.Environment;

/**
 * A tenant's delivery settings for live or test data ({@code sessionId} null), or one
 * session's overrides of them: the sending window in the recipient's local time, the most
 * campaign messages a session sends in a day, and the zone that day is counted in (also
 * the zone of a number libphonenumber cannot place); and the tenant's frequency cap per
 * recipient; whether new WAHA numbers warm up ({@code warmUp}, null: yes). In a session's
 * settings a null field takes the tenant's. {@code version} rises with every write.
 */
@Document("delivery_settings")
record DeliverySettings(@Id String id, long tenantId, Environment environment, Long sessionId,
		SendingWindow sendingWindow, Integer dailyCap, String timeZone, FrequencyCap frequencyCap, Boolean warmUp,
		long version, Instant updatedAt) {

	static String idOf(long tenantId, Environment environment, Long sessionId) {
		return tenantId + ":" + environment.name() + ((sessionId != null) ? ":" + sessionId : "");
	}

}
