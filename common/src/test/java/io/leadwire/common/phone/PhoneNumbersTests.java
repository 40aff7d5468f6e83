package io.leadwire.common.phone;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.leadwire.common.api.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The phone policy on numbers as customers write them: the legacy examples' numbers
 * verbatim, national formats with trunk prefixes, separators, {@code 00}, Brazilian
 * mobiles with and without the ninth digit, and what is refused with what reason.
 */
class PhoneNumbersTests {

	static Stream<Arguments> acceptedNumbers() {
		return Stream.of(
				// The legacy examples, verbatim (LeadFlux writes country codes without
				// '+').
				arguments("254712345678", "US", "+254712345678"), arguments("254110377776", "US", "+254110377776"),
				arguments("254700000000", "US", "+254700000000"), arguments("254787654321", "US", "+254787654321"),
				arguments("254799123456", "US", "+254799123456"),
				// Leadron's example: possible but not valid, kept as written with its
				// '+'.
				arguments("+1-555-0199", "US", "+15550199"),
				// The partner API's display number.
				arguments("+237 6 90 00 00 00", "US", "+237690000000"),
				// National formats with trunk prefixes, read in their region.
				arguments("0712345678", "KE", "+254712345678"), arguments("0712 345 678", "KE", "+254712345678"),
				arguments("08031234567", "NG", "+2348031234567"), arguments("0803 123 4567", "NG", "+2348031234567"),
				arguments("09876543210", "IN", "+919876543210"), arguments("98765 43210", "IN", "+919876543210"),
				arguments("020 7946 0958", "GB", "+442079460958"), arguments("07911 123456", "GB", "+447911123456"),
				arguments("030 1234567", "DE", "+49301234567"), arguments("0151 23456789", "DE", "+4915123456789"),
				arguments("(11) 98765-4321", "BR", "+5511987654321"), arguments("(650) 253-0000", "US", "+16502530000"),
				arguments("650.253.0000", "US", "+16502530000"), arguments("1 650 253 0000", "US", "+16502530000"),
				// The default region's own country code without '+'.
				arguments("254712345678", "KE", "+254712345678"), arguments("447911123456", "GB", "+447911123456"),
				// Country codes without '+' when the default region does not read them.
				arguments("447911123456", "US", "+447911123456"), arguments("919876543210", "US", "+919876543210"),
				arguments("2348031234567", "US", "+2348031234567"), arguments("5511987654321", "US", "+5511987654321"),
				// Brazilian mobiles without the ninth digit get it, however they are
				// written.
				arguments("551187654321", "US", "+5511987654321"),
				arguments("+55 11 8765-4321", "US", "+5511987654321"),
				arguments("11 8765-4321", "BR", "+5511987654321"),
				arguments("+55 21 99876-5432", "US", "+5521998765432"),
				// Separators: spaces, dashes, dots, parentheses, NBSP, narrow NBSP, en
				// dash, slash.
				arguments("+254 712-345.678", "US", "+254712345678"),
				arguments("+254 (712) 345 678", "US", "+254712345678"),
				arguments("+254\u00A0712\u00A0345\u00A0678", "US", "+254712345678"),
				arguments("+254\u202F712\u2013345\u2013678", "US", "+254712345678"),
				arguments("030/1234567", "DE", "+49301234567"), arguments("  +254712345678  ", "US", "+254712345678"),
				// '00' is an international prefix.
				arguments("00254712345678", "US", "+254712345678"),
				arguments("00 44 20 7946 0958", "US", "+442079460958"),
				arguments("0049 30 1234567", "KE", "+49301234567"));
	}

	@ParameterizedTest(name = "{0} in {1} is {2}")
	@MethodSource("acceptedNumbers")
	void numbersAsCustomersWriteThemAreStoredInE164(String written, String region, String e164) {
		assertThat(new PhoneNumbers(region).toE164(written)).isEqualTo(e164);
	}

	static Stream<Arguments> refusedNumbers() {
		return Stream.of(arguments("12", "US", "too short"), arguments("John Doe", "US", "letters"),
				arguments("+254 712 ABC", "US", "letters"), arguments("1-800-FLOWERS", "US", "letters"),
				arguments("0712345678", "US", "not a valid phone number in US"),
				arguments("1234567", "US", "not a valid phone number in US"),
				arguments("+999 1234 5678", "US", "country code"), arguments("+2547123456789012345", "US", "too long"),
				arguments("254712345678123456789", "US", "too long"),
				arguments("+254 712 345 678, ask for Mary after 5 pm please", "US", "at most 40 characters"),
				arguments("", "US", "must contain digits"), arguments("+", "US", "must contain digits"),
				arguments("254-712-345-678+", "US", "'+' only at the start"), arguments("+44 20", "US", "too short"),
				arguments("254712345678;", "US", "only digits"),
				arguments("+1 650 253 00001", "US", "too long for a +1 number"));
	}

	@ParameterizedTest(name = "{0} in {1} is refused: {2}")
	@MethodSource("refusedNumbers")
	void textThatIsNotAPhoneNumberIsRefusedSayingWhy(String written, String region, String reason) {
		assertThatThrownBy(() -> new PhoneNumbers(region).toE164(written))
			.isInstanceOf(InvalidPhoneNumberException.class)
			.hasMessageContaining(reason);
	}

	@Test
	void aRequestFieldIsRefusedWith422NamingTheField() {
		assertThatThrownBy(() -> new PhoneNumbers("US").toE164("phone", "12"))
			.isInstanceOfSatisfying(ApiException.class, (ex) -> {
				assertThat(ex.status()).isEqualTo(422);
				assertThat(ex.errors()).singleElement().satisfies((error) -> {
					assertThat(error.field()).isEqualTo("phone");
					assertThat(error.message()).contains("too short");
				});
			});
	}

	@Test
	void aRequestMayNameItsOwnRegion() {
		PhoneNumbers us = new PhoneNumbers("US");
		assertThat(us.inRegion("ke", "region").toE164("0712345678")).isEqualTo("+254712345678");
		assertThat(us.inRegion(null, "region")).isSameAs(us);
		assertThatThrownBy(() -> us.inRegion("XX", "region")).isInstanceOfSatisfying(ApiException.class,
				(ex) -> assertThat(ex.errors()).singleElement()
					.satisfies((error) -> assertThat(error.field()).isEqualTo("region")));
	}

	@Test
	void anUnknownDefaultRegionStopsTheStartUp() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PhoneNumbers("Kenya"))
			.withMessageContaining("ISO 3166");
	}

}
