package io.leadwire.campaign.recipients;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalisationTests {

	@Test
	void variablesComeFromTheRecipientThenTheFallbacksThenNothing() {
		String template = "Hi {{ name }} ({{first_name}}), your {{tier}} offer: {{customFields.code}}. {{missing}}!";
		assertThat(Personalisation.fill(template, "Ana Maria", "+254712345678", Map.of("tier", "gold", "code", 42),
				Map.of()))
			.isEqualTo("Hi Ana Maria (Ana), your gold offer: 42. !");
		assertThat(Personalisation.fill(template, null, "+254712345678", Map.of(),
				Map.of("name", "friend", "first_name", "friend", "tier", "standard", "missing", "See you")))
			.isEqualTo("Hi friend (friend), your standard offer: . See you!");
	}

	@Test
	void textWithoutVariablesOrWithLookalikesIsLeftAsItIs() {
		assertThat(Personalisation.fill("Hello from LeadFlux API!", "Ana", null, null, null))
			.isEqualTo("Hello from LeadFlux API!");
		assertThat(Personalisation.fill("{{ 1bad }} {name} $1 \\\\", "Ana", null, null, null))
			.isEqualTo("{{ 1bad }} {name} $1 \\\\");
	}

}
