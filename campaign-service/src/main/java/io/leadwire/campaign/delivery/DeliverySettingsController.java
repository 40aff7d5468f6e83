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

	private final Delivery delivery;

	DeliverySettingsController(DeliverySettingsStore store, MessagingSessions sessions, Delivery delivery) {
		this.store = store;
		this.delivery = delivery;
		this.sessions = sessions;
	}

	@GetMapping
	ApiResponse<View> tenant(TenantScope scope) {
		return ApiResponse.ok(View.of(this.store.find(scope, null), null, null, null));
	}

	@PutMapping
	ApiResponse<View> putTenant(@RequestBody SettingsRequest body, TenantScope scope) {
		Checked checked = check(body);
		return ApiResponse.ok(View.of(this.store.save(scope, null, checked.window(), checked.dailyCap(),
				checked.timeZone(), checked.frequencyCap(), checked.warmUp()), null, null, null));
	}

	@GetMapping("/sessions/{sessionId}")
	ApiResponse<View> session(@PathVariable long sessionId, TenantScope scope) {
		requireSession(sessionId);
		return ApiResponse.ok(View.of(this.store.find(scope, sessionId), sessionId,
				this.delivery.rules(scope, sessionId, null), this.delivery));
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
				checked.timeZone(), null, checked.warmUp());
		return ApiResponse.ok(View.of(saved, sessionId, this.delivery.rules(scope, sessionId, null), this.delivery));
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
		return new Checked(window, body.dailyCap(), zone, frequencyCap, body.warmUp());
	}

	/** {@code {sendingWindow: {start, end}, dailyCap, timeZone}}, each may be null. */
	record SettingsRequest(WindowRequest sendingWindow, Integer dailyCap, String timeZone,
			FrequencyCapRequest frequencyCap, Boolean warmUp) {
	}

	/** {@code {messages: 2, days: 7}}. */
	record FrequencyCapRequest(Integer messages, Integer days) {
	}

	/** {@code {start: "08:00", end: "20:00"}}. */
	record WindowRequest(String start, String end) {
	}

	private record Checked(SendingWindow window, Integer dailyCap, String timeZone, FrequencyCap frequencyCap,
			Boolean warmUp) {
	}

	/**
	 * Settings as stored (nulls where nothing is set) and, for a session, what is in
	 * force for its campaigns.
	 */
	record View(Long sessionId, SendingWindow sendingWindow, Integer dailyCap, String timeZone,
			FrequencyCap frequencyCap, Boolean warmUp, Instant updatedAt, InForce inForce) {

		static View of(DeliverySettings settings, Long sessionId, Effective effective, Delivery delivery) {
			InForce inForce = (effective == null) ? null
					: new InForce(effective.window(), effective.dailyCap(), effective.zone().getId(),
							effective.frequencyCap(), effective.warmUpOn(),
							WarmUpView.of(effective, sessionId, delivery));
			return (settings == null) ? new View(sessionId, null, null, null, null, null, null, inForce)
					: new View(sessionId, settings.sendingWindow(), settings.dailyCap(), settings.timeZone(),
							settings.frequencyCap(), settings.warmUp(), settings.updatedAt(), inForce);
		}

	}

	/** What applies to a session's campaigns without a window of their own. */
	record InForce(SendingWindow sendingWindow, Integer dailyCap, String timeZone, FrequencyCap frequencyCap,
			boolean warmUpOn, WarmUpView warmUp) {
	}

	/**
	 * Where a warming number is on the ramp: step {@code step} of {@code steps}
	 * (1-based), today's allowance and use, the next step's allowance, the last day's
	 * judgement; {@code warm} once past the ramp. Null for a session that never warmed up
	 * (not WAHA, warm-up off, or no campaign launched yet).
	 */
	record WarmUpView(String startedOn, int step, int steps, boolean warm, Integer allowanceToday, long usedToday,
			Integer nextAllowance, String lastMove) {

		static WarmUpView of(Effective effective, Long sessionId, Delivery delivery) {
			WarmUp warmUp = effective.warmUp();
			if (warmUp == null || sessionId == null) {
				return null;
			}
			int next = warmUp.level() + 1;
			return new WarmUpView(warmUp.startedOn(), Math.min(warmUp.level() + 1, WarmUp.RAMP.size()),
					WarmUp.RAMP.size(), warmUp.warm(), warmUp.allowance(),
					delivery.usedToday(sessionId, effective, delivery.clock().instant()),
					(next < WarmUp.RAMP.size()) ? WarmUp.RAMP.get(next) : null, warmUp.lastMove());
		}

	}

}
