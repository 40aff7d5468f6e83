package io.leadwire.leads.lead;

/**
 * The email and website shapes a lead accepts, checked by hand rather than by regular
 * expression: an import checks a million of each, and backtracking regexes were most of
 * its CPU time.
 * <ul>
 * <li>email: 1–64 characters before a single {@code @}, then a domain with a dot that has
 * at least one character before it and two after it; no whitespace.</li>
 * <li>website: optional {@code http://} or {@code https://}; a host of dot-separated
 * labels of letters, digits and dashes (at least two labels, the first starting and
 * ending with a letter or digit); an optional {@code :port} of 1–5 digits; an optional
 * {@code /path} without whitespace.</li>
 * </ul>
 */
final class TextFormats {

	private TextFormats() {
	}

	static boolean isEmail(String text) {
		return io.leadwire.common.fields.EmailAddresses.isValid(text);
	}

	static boolean isWebsite(String text) {
		int i = 0;
		if (text.startsWith("http://")) {
			i = 7;
		}
		else if (text.startsWith("https://")) {
			i = 8;
		}
		int end = text.length();
		int hostEnd = i;
		while (hostEnd < end && text.charAt(hostEnd) != ':' && text.charAt(hostEnd) != '/') {
			hostEnd++;
		}
		if (!isHost(text, i, hostEnd)) {
			return false;
		}
		i = hostEnd;
		if (i < end && text.charAt(i) == ':') {
			int digits = 0;
			for (i++; i < end && text.charAt(i) >= '0' && text.charAt(i) <= '9'; i++) {
				digits++;
			}
			if (digits < 1 || digits > 5) {
				return false;
			}
		}
		if (i < end && text.charAt(i) != '/') {
			return false;
		}
		for (; i < end; i++) {
			if (isSpace(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isHost(String text, int start, int end) {
		int labels = 0;
		int labelStart = start;
		for (int i = start; i <= end; i++) {
			if (i < end && text.charAt(i) != '.') {
				if (!isLabelChar(text.charAt(i))) {
					return false;
				}
				continue;
			}
			if (i == labelStart) {
				return false;
			}
			if (labels == 0 && (!isAlnum(text.charAt(labelStart)) || !isAlnum(text.charAt(i - 1)))) {
				return false;
			}
			labels++;
			labelStart = i + 1;
		}
		return labels >= 2;
	}

	private static boolean isLabelChar(char c) {
		return isAlnum(c) || c == '-';
	}

	private static boolean isAlnum(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	}

	/** The characters {@code \s} matches in a Java regular expression. */
	private static boolean isSpace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
	}

}
