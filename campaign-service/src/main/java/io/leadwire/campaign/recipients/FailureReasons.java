package io.leadwire.campaign.recipients;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failed message's plain reason, for analytics: the code its error starts with
 * ({@code not_delivered: …}, {@code insufficient_credits: …}, as messaging writes them),
 * Meta's error number as {@code meta_<number>} ({@code meta_131026}: undeliverable,
 * {@code meta_131047}: outside the customer window, …), else {@code provider_error}.
 */
public final class FailureReasons {

	public static final String PROVIDER_ERROR = "provider_error";

	private static final Pattern CODE = Pattern.compile("^([a-z][a-z0-9_]{2,40}):");

	private static final Pattern META = Pattern.compile("\\b(13\\d{4}|470|368|100|190)\\b");

	private FailureReasons() {
	}

	public static String code(String error) {
		if (error == null || error.isBlank()) {
			return PROVIDER_ERROR;
		}
		Matcher code = CODE.matcher(error.strip());
		if (code.find()) {
			return code.group(1);
		}
		Matcher meta = META.matcher(error);
		if (meta.find()) {
			return "meta_" + meta.group(1);
		}
		return PROVIDER_ERROR;
	}

}
