package io.leadwire.contacts.export;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes CSV cells as RFC 4180 says (quoted when they hold a comma, a quote, a line break
 * or surrounding spaces; quotes doubled) and safe to open in a spreadsheet: a cell
 * starting with {@code = + - @}, a tab or a carriage return is prefixed with {@code '}
 * (OWASP's advice against formula injection), so {@code =HYPERLINK(…)} stays text. An
 * E.164 phone ({@code +2547…}) is escaped too: a spreadsheet would otherwise read it as a
 * number and drop the {@code +}. The contacts import reads the escaped form back.
 */
final class CsvCells {

	private CsvCells() {
	}

	static void write(Writer out, String value) throws IOException {
		if (value == null || value.isEmpty()) {
			return;
		}
		char first = value.charAt(0);
		boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
				|| first == '\r';
		boolean quote = formula && (first == '\t' || first == '\r');
		for (int i = 0; i < value.length() && !quote; i++) {
			char c = value.charAt(i);
			quote = c == ',' || c == '"' || c == '\n' || c == '\r';
		}
		quote |= value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ';
		if (!quote) {
			if (formula) {
				out.write('\'');
			}
			out.write(value);
			return;
		}
		out.write('"');
		if (formula) {
			out.write('\'');
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"') {
				out.write('"');
			}
			out.write(c);
		}
		out.write('"');
	}

}
