package io.leadwire.common.api;

/**
 * A resource's version as its {@code ETag} ({@code "7"}), and the version an
 * {@code If-Match} names (docs/api.md §1, "Concurrency"). {@code *} matches any version;
 * a weak tag ({@code W/"7"}) is read like a strong one.
 */
public final class ETags {

	private ETags() {
	}

	public static String of(long version) {
		return "\"" + version + "\"";
	}

	/** The version {@code If-Match} expects, or null when it expects none. */
	public static Long expected(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
			return null;
		}
		String tag = ifMatch.trim();
		if (tag.startsWith("W/")) {
			tag = tag.substring(2);
		}
		if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
			tag = tag.substring(1, tag.length() - 1);
		}
		try {
			return Long.parseLong(tag);
		}
		catch (NumberFormatException ex) {
			// A tag we never issued matches no version of the resource.
			throw stale();
		}
	}

	public static ApiException stale() {
		return new ApiException(412, ErrorCodes.PRECONDITION_FAILED,
				"The resource changed since the version in If-Match: fetch it again and retry with its new ETag");
	}

}
