package io.leadwire.campaign.delivery;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import feign.FeignException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.campaign.session.MessagingSessions;
import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.ApiResponse.FieldError;
import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.context.TenantScope;

/**
 * Delivery settings (docs/deliverability.md): the tenant's sending window, daily cap per
 * session and time zone ({@code /v1/campaigns/delivery-settings}), and a session's
 * overrides of them ({@code …/sessions/{sessionId}}, a session of the caller's: another
 * tenant's is a 404). {@code PUT} replaces the whole settings; in a session's, a null
 * field takes the tenant's. Both answer what is in force for the session too.
 */
@RestController
@RequestMapping("/v1/campaigns/delivery-settings")
class DeliverySettingsController {

	static final int MAX_DAILY_CAP = 1_000_000;

	private final DeliverySettingsStore store;

	private final MessagingSessions sessions;

	DeliverySettingsController(DeliverySettingsStore store, MessagingSessions sessions) {
		this.store = store;
		this.sessions = sessions;
	}

	@GetMapping
	ApiResponse<View> tenant(TenantScope scope) {
		return ApiResponse.ok(View.of(this.store.find(scope, null), null, null));
	}

	@PutMapping
	ApiResponse<View> putTenant(@RequestBody SettingsRequest body, TenantScope scope) {
		Checked checked = check(body);
		return ApiResponse.ok(View.of(this.store.save(scope, null, checked.window(), checked.dailyCap(),
				checked.timeZone(), checked.frequencyCap()), null, null));
	}

	@GetMapping("/sessions/{sessionId}")
	ApiResponse<View> session(@PathVariable long sessionId, TenantScope scope) {
		requireSession(sessionId);
		return ApiResponse
			.ok(View.of(this.store.find(scope, sessionId), sessionId, this.store.effective(scope, sessionId, null)));
	}

	@PutMapping("/sessions/{sessionId}")
	ApiResponse<View> putSession(@PathVariable long sessionId, @RequestBody SettingsRequest body, TenantScope scope) {
		Checked checked = check(body);
		if (checked.frequencyCap() != null) {
			throw ApiException.validation("frequencyCap",
					"a tenant setting (it counts every campaign and session): PUT /v1/campaigns/delivery-settings");
		}
		requireSession(sessionId);
		DeliverySettings saved = this.store.save(scope, sessionId, checked.window(), checked.dailyCap(),
				checked.timeZone(), null);
		return ApiResponse.ok(View.of(saved, sessionId, this.store.effective(scope, sessionId, null)));
	}

	private void requireSession(long sessionId) {
		try {
			this.sessions.get(sessionId);
		}
		catch (FeignException.NotFound ex) {
			throw new ApiException(404, ErrorCodes.NOT_FOUND, "No such WhatsApp session in this account");
		}
		catch (FeignException ex) {
			throw new ApiException(503, ErrorCodes.SERVICE_UNAVAILABLE,
					"The WhatsApp session cannot be checked right now; retry shortly");
		}
	}

	private static Checked check(SettingsRequest body) {
		if (body == null) {
			throw ApiException.validation("sendingWindow", "a JSON object of settings is required");
		}
		List<FieldError> errors = new ArrayList<>();
		SendingWindow window = (body.sendingWindow() == null) ? null
				: SendingWindow.of("sendingWindow", body.sendingWindow().start(), body.sendingWindow().end(), errors);
		if (body.dailyCap() != null && (body.dailyCap() < 1 || body.dailyCap() > MAX_DAILY_CAP)) {
			errors.add(new FieldError("dailyCap", "between 1 and " + MAX_DAILY_CAP + " messages a day, or null"));
		}
		String zone = null;
		if (body.timeZone() != null) {
			try {
				zone = ZoneId.of(body.timeZone().strip()).getId();
			}
			catch (DateTimeException ex) {
				errors.add(new FieldError("timeZone", "an IANA time zone such as Africa/Nairobi or UTC"));
			}
		}
		FrequencyCap frequencyCap = (body.frequencyCap() == null) ? null
				: FrequencyCap.of(body.frequencyCap().messages(), body.frequencyCap().days(), errors);
		if (!errors.isEmpty()) {
			throw ApiException.validation(errors);
		}
		return new Checked(window, body.dailyCap(), zone, frequencyCap);
	}

	/** {@code {sendingWindow: {start, end}, dailyCap, timeZone}}, each may be null. */
	record SettingsRequest(WindowRequest sendingWindow, Integer dailyCap, String timeZone,
			FrequencyCapRequest frequencyCap) {
	}

	/** {@code {messages: 2, days: 7}}. */
	record FrequencyCapRequest(Integer messages, Integer days) {
	}

	/** {@code {start: "08:00", end: "20:00"}}. */
	record WindowRequest(String start, String end) {
	}

	private record Checked(SendingWindow window, Integer dailyCap, String timeZone, FrequencyCap frequencyCap) {
	}

	/**
	 * Settings as stored (nulls where nothing is set) and, for a session, what is in
	 * force for its campaigns.
	 */
	record View(Long sessionId, SendingWindow sendingWindow, Integer dailyCap, String timeZone,
			FrequencyCap frequencyCap, Instant updatedAt, InForce inForce) {

		static View of(DeliverySettings settings, Long sessionId, DeliverySettingsStore.Effective effective) {
			InForce inForce = (effective == null) ? null : new InForce(effective.window(), effective.dailyCap(),
					effective.zone().getId(), effective.frequencyCap());
			return (settings == null) ? new View(sessionId, null, null, null, null, null, inForce)
					: new View(sessionId, settings.sendingWindow(), settings.dailyCap(), settings.timeZone(),
							settings.frequencyCap(), settings.updatedAt(), inForce);
		}

	}

	/** What applies to a session's campaigns without a window of their own. */
	record InForce(SendingWindow sendingWindow, Integer dailyCap, String timeZone, FrequencyCap frequencyCap) {
	}

}
