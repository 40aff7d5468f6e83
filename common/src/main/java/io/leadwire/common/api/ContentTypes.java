package io.leadwire.common.api;

import java.util.List;

import org.springframework.http.MediaType;

/**
 * The one rule for a request's {@code Content-Type}, applied by the gateway and by every
 * service before anything reads it: at most one, parseable, a concrete type (no
 * {@code *}), and a charset Java knows. Frameworks throw on the rest, and what they throw
 * ends as a 500.
 */
public final class ContentTypes {

	private ContentTypes() {
	}

	/** What is wrong with the request's Content-Type values, or null if nothing is. */
	public static String problem(List<String> values) {
		if (values == null || values.isEmpty()) {
			return null;
		}
		if (values.size() > 1) {
			return "Send one Content-Type header";
		}
		try {
			MediaType type = MediaType.parseMediaType(values.get(0));
			if (type.isWildcardType() || type.isWildcardSubtype()) {
				return "Content-Type must name a concrete type, such as application/json";
			}
			type.getCharset();
			return null;
		}
		catch (IllegalArgumentException ex) { // InvalidMediaTypeException, an unknown
												// charset
			return "Malformed Content-Type header: use a media type such as application/json";
		}
	}

}
