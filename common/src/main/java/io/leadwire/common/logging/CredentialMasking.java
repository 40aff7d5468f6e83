package io.leadwire.common.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks credentials in text bound for a log line: API keys ({@code lw_live_sk_…} keeps
 * its 15-character display prefix, the part docs/api.md shows anyway), the value of any
 * {@code api_key} parameter whatever its shape, and bearer tokens and JWTs. Every log
 * line of every Leadwire process goes through it ({@code logback-spring.xml} in common),
 * so no code path that logs a URL, a header or an exception can leak a key.
 */
public final class CredentialMasking {

	private static final Pattern SECRETS = Pattern.compile("(lw_(?:live|test)_sk_[A-Za-z0-9]{0,4})[A-Za-z0-9]*"
			+ "|((?i:api[_-]?key)(?:=|%3D|\"?\\s*[:=]\\s*\"?))[^&\\s\"',;]+" + "|((?i:bearer)\\s+)[A-Za-z0-9._~+/=-]+"
			+ "|eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");

	private CredentialMasking() {
	}

	/**
	 * {@code text} with every credential in it masked; the same string if there is none.
	 */
	public static String mask(String text) {
		if (text == null || !mayHoldSecret(text)) {
			return text;
		}
		Matcher matcher = SECRETS.matcher(text);
		if (!matcher.find()) {
			return text;
		}
		StringBuilder masked = new StringBuilder(text.length());
		do {
			String kept = (matcher.group(1) != null) ? matcher.group(1) : (matcher.group(2) != null) ? matcher.group(2)
					: (matcher.group(3) != null) ? matcher.group(3) : "";
			matcher.appendReplacement(masked, Matcher.quoteReplacement(kept + "***"));
		}
		while (matcher.find());
		matcher.appendTail(masked);
		return masked.toString();
	}

	/** A cheap test that rules out almost every log line before any regex runs. */
	private static boolean mayHoldSecret(String text) {
		return text.contains("_sk_") || text.contains("eyJ") || containsIgnoreCase(text, "key")
				|| containsIgnoreCase(text, "bearer");
	}

	private static boolean containsIgnoreCase(String text, String word) {
		int last = text.length() - word.length();
		for (int i = 0; i <= last; i++) {
			if (text.regionMatches(true, i, word, 0, word.length())) {
				return true;
			}
		}
		return false;
	}

}
