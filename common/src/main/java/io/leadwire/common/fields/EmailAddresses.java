package io.leadwire.common.fields;

import java.util.Locale;

/**
 * The email shape every resource accepts, checked by hand rather than by regular
 * expression (an import checks a million; backtracking regexes were most of its CPU):
 * 1–64 characters before a single {@code @}, then a domain with a dot that has at least
 * one character before it and two after it; no whitespace. Stored trimmed and in lower
 * case.
 */
public final class EmailAddresses {

	/** The longest address kept (RFC 5321's path limit, with room). */
	public static final int MAX_LENGTH = 320;

	private EmailAddresses() {
	}

	public static boolean isValid(String text) {
		int at = text.indexOf('@');
		if (at < 1 || at > 64 || text.indexOf('@', at + 1) >= 0) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			if (isSpace(text.charAt(i))) {
				return false;
			}
		}
		int domainLength = text.length() - at - 1;
		int lastAllowedDot = text.length() - 3;
		int dot = text.lastIndexOf('.', lastAllowedDot);
		return domainLength >= 4 && dot >= at + 2;
	}

	/** The form an address is stored in: trimmed, lower case. */
	public static String normalise(String text) {
		return text.trim().toLowerCase(Locale.ROOT);
	}

	/** The characters {@code \s} matches in a Java regular expression. */
	static boolean isSpace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
	}

}
