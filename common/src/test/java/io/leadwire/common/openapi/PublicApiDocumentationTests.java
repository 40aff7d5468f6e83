package io.leadwire.common.openapi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublicApiDocumentationTests {

	@Test
	void summariesNameTheActionAndTheResource() {
		assertThat(PublicApiDocumentation.summary("list", "/v1/contacts")).isEqualTo("List contacts");
		assertThat(PublicApiDocumentation.summary("get_2", "/v1/contacts/groups/{id}")).isEqualTo("Get a group");
		assertThat(PublicApiDocumentation.summary("put", "/v1/leads/{id}")).isEqualTo("Update a lead");
		assertThat(PublicApiDocumentation.summary("patch", "/v1/leads/{id}")).isEqualTo("Update some fields of a lead");
		assertThat(PublicApiDocumentation.summary("create", "/v1/contacts/create")).isEqualTo("Create a contact");
		assertThat(PublicApiDocumentation.summary("create", "/v1/api-keys")).isEqualTo("Create an api key");
		assertThat(PublicApiDocumentation.summary("bulkAssign", "/v1/contacts/bulk-assign-group"))
			.isEqualTo("Bulk assign");
	}

	@Test
	void javadocBecomesPlainText() {
		assertThat(PublicApiDocumentation
			.plainText("The list; <code>/contacts/list</code> is\n the older &quot;name&quot;."))
			.isEqualTo("The list; /contacts/list is the older \"name\".");
		assertThat(PublicApiDocumentation.plainText("Up to {@value NumberChecks#MAX_BULK} numbers"))
			.isEqualTo("Up to NumberChecks#MAX_BULK numbers");
	}

	@Test
	void snakeCaseNamesAreReadAsTheirCamelCaseFields() {
		PublicApiDocumentation documentation = new PublicApiDocumentation(java.util.List.of("groupId", "leadIds"),
				SeedExamples.NONE);
		assertThat(documentation.isId("group_id")).isTrue();
		assertThat(documentation.isId("lead_ids")).isTrue();
		assertThat(documentation.isId("groupId")).isTrue();
		assertThat(documentation.isId("group_name")).isFalse();
	}

	@Test
	void descriptionsShowNoRawJavadoc() {
		String described = PublicApiDocumentation.markdown(
				"Counts the audience ({@link CampaignRules#audience(Campaign) who it reaches}) as {@code {total, sendable}}"
						+ " by {@link io.leadwire.campaign.campaign.CampaignRules#preview}.<p>Either:<ul><li>a group;"
						+ "<li>a list</ul>Up to {@value #MAX} &amp; more.");
		assertThat(described).doesNotContain("{@").doesNotContain("<").doesNotContain("io.leadwire");
		assertThat(described).contains("(who it reaches)")
			.contains("`{total, sendable}`")
			.contains("by preview.")
			.contains("\n- a group;")
			.contains("\n- a list")
			.contains("Up to  & more.");
		assertThat(PublicApiDocumentation.linkText("Foo#bar(int, long) the label")).isEqualTo("the label");
		assertThat(PublicApiDocumentation.linkText("Foo")).isEqualTo("Foo");
	}

}
