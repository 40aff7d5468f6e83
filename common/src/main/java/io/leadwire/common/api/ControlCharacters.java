package io.leadwire.common.api;

/**
 * The control characters no text field of the platform accepts: NUL and the other C0
 * controls but tab, line feed and carriage return, and DEL.
 */
public final class ControlCharacters {

	private ControlCharacters() {
	}

	/** The first refused character's index in {@code text}, or -1. */
	public static int indexIn(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
				return i;
			}
		}
		return -1;
	}

	/** The message naming the character found at {@code index}. */
	public static String message(CharSequence text, int index) {
		return "must not contain control characters (found U+" + String.format("%04X", (int) text.charAt(index)) + ")";
	}

}
