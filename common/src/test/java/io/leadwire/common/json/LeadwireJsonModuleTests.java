package io.leadwire.common.json;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LeadwireJsonModuleTests {

	final JsonMapper json = JsonMapper.builder()
		.addModule(new LeadwireJsonModule())
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	record SendRequest(String sessionId, String mediaUrl, List<Long> leadIds, @JsonAlias("key_name") String name,
			Instant scheduledAt) {
	}

	static class Settings {

		private int ratePerMinute;

		public int getRatePerMinute() {
			return this.ratePerMinute;
		}

		public void setRatePerMinute(int ratePerMinute) {
			this.ratePerMinute = ratePerMinute;
		}

	}

	@Test
	void recordsAcceptSnakeCaseAndCamelCaseNames() {
		SendRequest snake = this.json.readValue(
				"{\"session_id\":\"s1\",\"media_url\":\"http://x\",\"lead_ids\":[1,2],\"key_name\":\"k\"}",
				SendRequest.class);
		SendRequest camel = this.json.readValue(
				"{\"sessionId\":\"s1\",\"mediaUrl\":\"http://x\",\"leadIds\":[1,2],\"name\":\"k\"}", SendRequest.class);
		assertThat(snake).isEqualTo(camel);
		assertThat(snake.leadIds()).containsExactly(1L, 2L);
		assertThat(snake.name()).isEqualTo("k");
	}

	@Test
	void beansAcceptSnakeCaseNamesAndResponsesStayCamelCase() {
		Settings settings = this.json.readValue("{\"rate_per_minute\":30}", Settings.class);
		assertThat(settings.getRatePerMinute()).isEqualTo(30);
		assertThat(this.json.writeValueAsString(settings)).isEqualTo("{\"ratePerMinute\":30}");
		assertThat(this.json.writeValueAsString(new SendRequest("s", null, null, null, null)))
			.contains("\"sessionId\":\"s\"")
			.doesNotContain("session_id");
	}

	@Test
	void timestampsAcceptIsoAndTheOlderSpacedFormInUtc() {
		assertThat(scheduledAt("2026-02-08T12:00:00Z")).isEqualTo(Instant.parse("2026-02-08T12:00:00Z"));
		assertThat(scheduledAt("2026-02-08T14:00:00+02:00")).isEqualTo(Instant.parse("2026-02-08T12:00:00Z"));
		assertThat(scheduledAt("2026-02-08 12:00:00")).isEqualTo(Instant.parse("2026-02-08T12:00:00Z"));
		assertThat(scheduledAt("2026-02-08T12:00:00")).isEqualTo(Instant.parse("2026-02-08T12:00:00Z"));
		assertThat(scheduledAt("2026-02-08")).isEqualTo(Instant.parse("2026-02-08T00:00:00Z"));
		assertThatExceptionOfType(InvalidFormatException.class).isThrownBy(() -> scheduledAt("next tuesday"))
			.satisfies((ex) -> assertThat(ex.getPath().get(0).getPropertyName()).isIn("scheduledAt", "scheduled_at"));
	}

	private Instant scheduledAt(String value) {
		return this.json.readValue("{\"scheduled_at\":\"" + value + "\"}", SendRequest.class).scheduledAt();
	}

}
