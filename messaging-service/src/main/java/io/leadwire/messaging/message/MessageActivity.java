package io.leadwire.messaging.message;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.leadwire.common.context.TenantScope;

/**
 * The last hour of a tenant's outbound messages, for the console's dashboard: how many
 * were created each minute, and how many are in each status now. Two aggregations in the
 * database (a group by minute, a group by status); nothing is read into memory beyond the
 * 60 minutes and 5 statuses, however many messages there are.
 */
@Component
class MessageActivity {

	static final Duration WINDOW = Duration.ofHours(1);

	private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
		.withZone(ZoneOffset.UTC);

	private final MessageStore store;

	MessageActivity(MessageStore store) {
		this.store = store;
	}

	Activity lastHour(TenantScope scope, Instant now) {
		Instant until = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
		Instant since = until.minus(WINDOW);
		Map<String, Long> perMinute = new LinkedHashMap<>();
		for (Instant minute = since; minute.isBefore(until); minute = minute.plus(Duration.ofMinutes(1))) {
			perMinute.put(MINUTE.format(minute), 0L);
		}
		this.store.outboundPerMinute(scope, since, until)
			.forEach((minute, count) -> perMinute.computeIfPresent(minute, (key, zero) -> count));
		Map<String, Long> byStatus = new LinkedHashMap<>();
		for (String status : List.of("queued", "sent", "delivered", "read", "failed")) {
			byStatus.put(status, 0L);
		}
		this.store.outboundByStatus(scope, since, until)
			.forEach((status, count) -> byStatus.merge(status, count, Long::sum));
		List<Minute> minutes = new ArrayList<>(perMinute.size());
		perMinute.forEach((minute, count) -> minutes.add(new Minute(minute, count)));
		return new Activity(since, until, minutes, byStatus);
	}

	/**
	 * The hour ({@code since} inclusive, {@code until} exclusive, whole UTC minutes), the
	 * messages created in each of its minutes, and the count in each status now.
	 */
	record Activity(Instant since, Instant until, List<Minute> perMinute, Map<String, Long> byStatus) {
	}

	record Minute(String minute, long messages) {
	}

}
