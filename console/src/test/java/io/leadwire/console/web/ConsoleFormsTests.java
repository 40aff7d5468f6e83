package io.leadwire.console.web;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the console's forms send the API, and where a switch may send the browser back.
 */
class ConsoleFormsTests {

	@Test
	void aSwitchGoesBackOnlyToAPathOfTheConsole() {
		assertThat(WorkspaceController.safe("/campaigns/AbC12")).isEqualTo("/campaigns/AbC12");
		assertThat(WorkspaceController.safe("//evil.example/x")).isEqualTo("/");
		assertThat(WorkspaceController.safe("https://evil.example")).isEqualTo("/");
		assertThat(WorkspaceController.safe("/\\evil.example")).isEqualTo("/");
		assertThat(WorkspaceController.safe("javascript:alert(1)")).isEqualTo("/");
	}

	@Test
	void aSwitchGoesBackToTheSectionNotToARecordOfTheOtherWorkspace() {
		assertThat(WorkspaceController.section("/campaigns/AbC12/edit")).isEqualTo("/campaigns");
		assertThat(WorkspaceController.section("/messages/AbC12")).isEqualTo("/sessions");
		assertThat(WorkspaceController.section("/leads?status=new&page=2")).isEqualTo("/leads");
		assertThat(WorkspaceController.section("/settings/keys")).isEqualTo("/settings/keys");
		assertThat(WorkspaceController.section("/contacts/imports/X1")).isEqualTo("/contacts");
		assertThat(WorkspaceController.section("/")).isEqualTo("/");
	}

	@Test
	void aCampaignOfGroupsIsTheApisBodyWithTheScheduleInUtc() {
		CampaignForm form = new CampaignForm(" Launch ", "Xy12", "groups", List.of("G1", "G2"), List.of(),
				"254712345678", "Hi {{name}}!", "", "sequential", 30, "2027-01-02T09:30", null);
		Map<String, Object> body = form.body();
		assertThat(body).containsEntry("name", "Launch")
			.containsEntry("gateway_session_id", "Xy12")
			.containsEntry("recipient_source", "groups")
			.containsEntry("filter", Map.of("group_ids", List.of("G1", "G2")))
			.containsEntry("message_content", Map.of("type", "text", "text", "Hi {{name}}!"))
			.containsEntry("rate_per_minute", 30)
			.containsEntry("scheduled_at", "2027-01-02T09:30:00Z")
			.doesNotContainKey("custom_recipients");
		assertThat(form.previewBody()).containsEntry("source", "groups")
			.containsEntry("session_id", "Xy12")
			.doesNotContainKey("recipient_source");
		CampaignForm template = new CampaignForm("Orders", "Xy12", "groups", List.of("G1"), List.of(), "", "", "T9",
				"burst", 30, "", null);
		assertThat(template.body()).containsEntry("message_content", Map.of("type", "template", "template_id", "T9"));
		assertThat(template.previewBody()).containsEntry("message_content",
				Map.of("type", "template", "template_id", "T9"));
	}

	@Test
	void aListOfNumbersIsSplitOnLinesCommasAndSpaces() {
		CampaignForm form = new CampaignForm("L", "S", "manual", null, null,
				"254712345678\n254722000111, 254733000222 ", "Hello", "", "burst", 10, "", null);
		assertThat(form.body())
			.containsEntry("custom_recipients", List.of("254712345678", "254722000111", "254733000222"))
			.doesNotContainKey("scheduled_at")
			.doesNotContainKey("filter");
	}

	@Test
	void aMessageCarriesOnlyTheFieldsOfItsType() {
		SendForm poll = new SendForm("254712345678", "poll", "ignored", "", "", "", "", "", "", "Lunch?",
				"Rice\n\nBeans\n", "", "", "", "", "", "", "en", "");
		assertThat(poll.body("S1")).containsOnlyKeys("session_id", "to", "type", "question", "options")
			.containsEntry("options", List.of("Rice", "Beans"));
		SendForm image = new SendForm("254712345678", "image", "", "https://example.com/a.png", "", "", "", "", "", "",
				"", "", "", "", "", "", "", "en", "");
		assertThat(image.body("S1")).containsOnlyKeys("session_id", "to", "type", "media_url")
			.containsEntry("media_url", "https://example.com/a.png");
	}

	@Test
	void aListAndALocationAreWrittenInTheApisNamesAndItsErrorsComeBackToTheFormsFields() {
		SendForm list = new SendForm("254110377776", "list", "Choose a service:", "", "", "", "", "", "", "", "", "",
				"", "Services Menu", "Select", "Call Agent\nOpen Ticket", "", "en", "");
		assertThat(list.body("S1"))
			.containsOnlyKeys("session_id", "to", "type", "title", "description", "buttonText", "sections")
			.containsEntry("description", "Choose a service:")
			.containsEntry("buttonText", "Select")
			.containsEntry("sections", List.of(Map.of("title", "Services Menu", "rows", List
				.of(Map.of("id", "row-1", "title", "Call Agent"), Map.of("id", "row-2", "title", "Open Ticket")))));
		assertThat(list.formFields()).containsEntry("description", "text").containsEntry("title", "title");
		SendForm location = new SendForm("254110377776", "location", "", "", "", "-1.2841", "36.8155", "Nairobi", "",
				"", "", "", "", "", "", "", "", "en", "");
		assertThat(location.body("S1")).containsEntry("title", "Nairobi").doesNotContainKey("name");
		assertThat(location.formFields()).containsEntry("title", "name");
	}

	@Test
	void aCampaignReadFromTheApiFillsTheWizardForItsEdit() {
		tools.jackson.databind.JsonNode campaign = tools.jackson.databind.json.JsonMapper.builder().build().readTree("""
				{"name": "Launch", "gatewaySessionId": "Xy12", "recipientSource": "manual",
				 "customRecipients": ["254712345678", "254722000111"], "filter": null,
				 "messageContent": {"type": "text", "text": "Hi {{name}}"}, "strategy": "random",
				 "ratePerMinute": 12, "scheduledAt": "2027-01-02T09:30:00Z"}
				""");
		CampaignForm form = CampaignForm.of(campaign, "W/\"3\"");
		assertThat(form.phones()).isEqualTo("254712345678\n254722000111");
		assertThat(form.scheduledAt()).isEqualTo("2027-01-02T09:30");
		assertThat(form.body()).containsEntry("scheduled_at", "2027-01-02T09:30:00Z")
			.containsEntry("custom_recipients", java.util.List.of("254712345678", "254722000111"))
			.containsEntry("strategy", "random");
		assertThat(form.etag()).isEqualTo("W/\"3\"");
	}

}
