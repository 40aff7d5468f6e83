package io.leadwire.leads.lead;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written email and website checks accept exactly what the regular expressions
 * they replaced accepted: on chosen cases and on 200,000 random strings over the
 * characters that matter.
 */
class TextFormatsTests {

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");

	private static final Pattern WEBSITE = Pattern
		.compile("^(https?://)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9-]+)+(:\\d{1,5})?(/\\S*)?$");

	@Test
	void chosenCases() {
		for (String text : List.of("a@b.co", "ada@acme.example", "a@b.c", "@b.co", "a@.co", "a@b..co", "a b@c.de",
				"a@b@c.de", "x".repeat(64) + "@b.co", "x".repeat(65) + "@b.co", "a@b.co\t", "a@bc.d.ef", "a@b.c.d")) {
			assertThat(TextFormats.isEmail(text)).as(text).isEqualTo(EMAIL.matcher(text).matches());
		}
		for (String text : List.of("acme.example", "https://acme.example/x?y=1", "http://a.b:8080", "a.b:123456",
				"-a.b", "a-.b", "a.-b", "a..b", "a.b/ c", "ftp://a.b", "a.b:", "a.b:80x", "https://", "a", "a.b/",
				"A1.b-c.D", "a.b:80/p")) {
			assertThat(TextFormats.isWebsite(text)).as(text).isEqualTo(WEBSITE.matcher(text).matches());
		}
	}

	@Test
	void randomStrings() {
		Random random = new Random(42);
		String emailAlphabet = "ab1.@- \t";
		String webAlphabet = "ab1.-:/ 8?";
		for (int i = 0; i < 100_000; i++) {
			String email = randomText(random, emailAlphabet, 12);
			assertThat(TextFormats.isEmail(email)).as(email).isEqualTo(EMAIL.matcher(email).matches());
			String prefix = switch (random.nextInt(3)) {
				case 0 -> "http://";
				case 1 -> "https://";
				default -> "";
			};
			String website = prefix + randomText(random, webAlphabet, 12);
			assertThat(TextFormats.isWebsite(website)).as(website).isEqualTo(WEBSITE.matcher(website).matches());
		}
	}

	private static String randomText(Random random, String alphabet, int maxLength) {
		int length = random.nextInt(maxLength + 1);
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return text.toString();
	}

}
