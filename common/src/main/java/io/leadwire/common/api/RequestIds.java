package io.leadwire.common.api;

import java.util.regex.Pattern;

import org.slf4j.MDC;

import io.leadwire.common.id.RandomUuids;

/**
 * The request id: accepted from {@code X-Request-Id} when sane, generated otherwise, kept
 * in the MDC.
 */
public final class RequestIds {

	public static final String HEADER = "X-Request-Id";

	public static final String MDC_KEY = "requestId";

	private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	private RequestIds() {
	}

	/** The caller's id if it is safe to log and echo, else a fresh one. */
	public static String acceptOrGenerate(String candidate) {
		return (candidate != null && ACCEPTED.matcher(candidate).matches()) ? candidate : RandomUuids.next();
	}

	public static String current() {
		return MDC.get(MDC_KEY);
	}

}
