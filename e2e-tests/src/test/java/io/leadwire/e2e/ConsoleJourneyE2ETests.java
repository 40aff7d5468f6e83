package io.leadwire.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.leadwire.testing.HttpJson;
import tools.jackson.databind.JsonNode;

import static io.leadwire.e2e.ConsoleE2ETests.chromium;
import static io.leadwire.e2e.ConsoleE2ETests.screenshots;
import static io.leadwire.e2e.ConsoleE2ETests.signIn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 27's journey of a new customer, in a real headless Chromium through the gateway,
 * signed in at the real Keycloak: create a group, import a CSV of contacts into it and
 * watch it finish, create a sandbox session, build a campaign with {@code {{name}}} (the
 * preview's counts and the rendered sample), launch it and watch the progress reach
 * completed without a reload, read the per-recipient table and the sandbox trap, create
 * an API key, copy it, call {@code GET /v1/leads} with it, revoke it, sign out. axe-core
 * checks every screen; each is shot at desktop width and 375 px under target/console/.
 */
class ConsoleJourneyE2ETests {

	static RunningPlatform platform;

	@BeforeAll
	static void start() throws Exception {
		platform = RunningPlatform.get();
	}

	@Test
	void aNewCustomerImportsContactsRunsASandboxCampaignToTheEndAndManagesAKey() throws Exception {
		JsonNode tenant = platform.createTenant("Console Journey");
		HttpJson owner = platform.withKey(tenant.get("liveKey").asString());
		HttpJson ownerTest = platform.withKey(tenant.get("testKey").asString());
		assertThat(owner
			.post("/v1/users", Map.of("name", "Jomo Journey", "email", "jomo@journey.example", "role", "admin",
					"password", "jomo-password-1"))
			.status()).isEqualTo(201);
		// The seeds' kind of file: a header row, numbers without '+', one row that is no
		// number at all.
		Path csv = Files.createTempFile("journey-contacts", ".csv");
		Files.writeString(csv, """
				name,phone,email
				Jane Doe,254712345678,jane@example.com
				John Kamau,254722000111,
				Amina Otieno,254733000222,amina@example.com
				Nobody,not-a-number,
				""");

		WebDriver browser = chromium();
		try {
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
			browser.get(platform.gatewayUrl() + "/app/");
			signIn(browser, wait, "jomo@journey.example", "jomo-password-1");
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Dashboard"));

			// Everything below is test data: the sandbox, never WhatsApp.
			browser.findElement(By.cssSelector("form.data-switch button")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".data-switch .badge"),
					"Test data"));

			// A group.
			browser.findElement(By.linkText("Groups")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Groups"));
			screenshots(browser, "groups-empty");
			browser.findElement(By.id("name")).sendKeys("VIP");
			browser.findElement(By.cssSelector("form[action$='/groups'] button[type=submit]")).click();
			wait.until(
					ExpectedConditions.textToBePresentInElementLocated(By.className("notice"), "Group VIP created."));
			screenshots(browser, "groups");

			// A CSV into it, watched to the end.
			browser.findElement(By.cssSelector("a[aria-label='Import contacts into VIP']")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Import contacts"));
			assertThat(new Select(browser.findElement(By.id("group"))).getFirstSelectedOption().getText())
				.isEqualTo("VIP");
			screenshots(browser, "contacts-import");
			browser.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
			browser.findElement(By.cssSelector("form[action$='/contacts/import'] button[type=submit]")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-status"), "completed"));
			assertThat(browser.findElement(By.id("import-created")).getText()).isEqualTo("3");
			assertThat(browser.findElement(By.id("import-failed")).getText()).isEqualTo("1");
			assertThat(browser.findElement(By.id("progress")).getText()).contains("Rows that failed");
			screenshots(browser, "import-completed");
			assertThat(ownerTest.get("/v1/contacts?search=254712345678").data()).hasSize(1);
			assertThat(owner.get("/v1/contacts?search=254712345678").data()).as("test data, not live").isEmpty();

			// A sandbox session: it works at once.
			browser.findElement(By.linkText("WhatsApp")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "WhatsApp sessions"));
			screenshots(browser, "sessions-empty");
			browser.findElement(By.id("name")).sendKeys("Journey sandbox");
			WebElement rate = browser.findElement(By.id("ratePerMinute"));
			rate.clear();
			rate.sendKeys("600");
			browser.findElement(By.cssSelector("form[action$='/sessions'] button[type=submit]")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Journey sandbox"));
			wait.until(ExpectedConditions.textToBe(By.id("status"), "WORKING"));
			screenshots(browser, "session");

			// The campaign: VIP, {{name}}, the preview's counts and the sample as Jane
			// reads it.
			// A message template of the account's, which the wizard offers.
			assertThat(ownerTest
				.post("/v1/templates", Map.of("name", "menu_news", "language", "en_US", "category", "MARKETING", "body",
						"Hello {{name}}, see what is new on our menu today.", "examples", Map.of("name", "Jane")))
				.status()).isEqualTo(201);
			browser.findElement(By.linkText("Campaigns")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Campaigns"));
			screenshots(browser, "campaigns-empty");
			browser.findElement(By.linkText("New campaign")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "New campaign"));
			browser.findElement(By.id("name")).sendKeys("Journey launch");
			new Select(browser.findElement(By.id("sessionId"))).selectByVisibleText("Journey sandbox (WORKING)");
			browser.findElement(By.xpath("//label[span[starts-with(text(), 'VIP')]]/input")).click();
			// The template, previewed as Jane reads it; then the wizard's own text.
			Select template = new Select(browser.findElement(By.id("templateId")));
			template.selectByVisibleText("menu_news (en_US, APPROVED)");
			browser.findElement(By.id("preview-button")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview"),
					"Hello Jane Doe, see what is new on our menu today."));
			template.selectByValue("");
			WebElement text = browser.findElement(By.id("text"));
			text.clear();
			text.sendKeys("Hi {{name}}, our new menu is out!");
			browser.findElement(By.id("preview-button")).click();
			// The template's preview is replaced by the text's.
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview"),
					"Hi Jane Doe, our new menu is out!"));
			assertThat(browser.findElement(By.id("preview-total")).getText()).isEqualTo("3");
			assertThat(browser.findElement(By.id("preview-sendable")).getText()).isEqualTo("3");
			assertThat(browser.findElements(By.cssSelector("#preview .bubble"))).extracting(WebElement::getText)
				.contains("Hi Jane Doe, our new menu is out!");
			screenshots(browser, "campaign-new");
			browser.findElement(By.cssSelector("#campaign-form > button[type=submit]")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Journey launch"));
			assertThat(browser.findElement(By.id("campaign-status")).getText()).isEqualTo("draft");

			// Launch, then the progress reaches completed on the same page: no reload.
			browser.findElement(By.xpath("//button[text()='Launch now']")).click();
			wait.until(
					ExpectedConditions.textToBePresentInElementLocated(By.className("notice"), "Campaign launched."));
			((JavascriptExecutor) browser).executeScript("window.journeyMarker = 'same page';");
			wait.until(ExpectedConditions.textToBe(By.id("campaign-status"), "completed"));
			assertThat(((JavascriptExecutor) browser).executeScript("return window.journeyMarker"))
				.as("the progress updated without a reload")
				.isEqualTo("same page");
			assertThat(browser.findElement(By.id("a-sent")).getText()).isEqualTo("3");
			screenshots(browser, "campaign-completed");

			// The per-recipient table, then the sandbox trap: exactly what was sent.
			browser.navigate().refresh();
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("recipients")));
			assertThat(browser.findElement(By.id("recipients")).getText()).contains("Jane Doe")
				.contains("John Kamau")
				.contains("Amina Otieno");
			browser.findElement(By.linkText("What the sandbox received")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Sandbox trap"));
			assertThat(browser.findElement(By.id("sandbox-total")).getText()).isEqualTo("3");
			assertThat(browser.findElement(By.id("sandbox-messages")).getText())
				.contains("Hi Jane Doe, our new menu is out!")
				.contains("254712345678@c.us");
			screenshots(browser, "sandbox");

			// The dashboard's last hour: the three messages, drawn by Chart.js.
			browser.findElement(By.linkText("Dashboard")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Dashboard"));
			WebElement perMinute = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("per-minute-chart")));
			assertThat(perMinute.getAttribute("aria-label")).isEqualTo("3 messages in the last hour");
			assertThat(browser.findElement(By.id("funnel-chart")).getAttribute("aria-label")).contains("read 3");
			assertThat(((JavascriptExecutor) browser).executeScript(
					"return Chart.getChart('per-minute-chart') != null && Chart.getChart('funnel-chart') != null"))
				.isEqualTo(true);
			screenshots(browser, "dashboard-charts");

			// A key: read only, shown once, copied, works for reads only; rotated with
			// the
			// old secret kept for an hour; revoked, and both stop.
			browser.findElement(By.linkText("Settings")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "API keys"));
			browser.findElement(By.id("name")).sendKeys("Journey CRM");
			new Select(browser.findElement(By.id("access"))).selectByVisibleText("Read only");
			browser.findElement(By.cssSelector("form[action$='/settings/keys'] button[type=submit]")).click();
			WebElement secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-key")));
			String key = secret.getAttribute("value");
			assertThat(key).startsWith("lw_live_");
			browser.findElement(By.cssSelector("button[data-copy='new-key']")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("new-key-copied"), "Cop"));
			screenshots(browser, "keys-created");
			HttpJson withKey = platform.withKey(key);
			assertThat(withKey.get("/v1/leads").status()).isEqualTo(200);
			assertThat(withKey.post("/v1/leads", Map.of("name", "Not allowed", "email", "no@example.com")).code())
				.isEqualTo("insufficient_scope");
			browser.navigate().to(platform.gatewayUrl() + "/app/settings/keys");
			assertThat(browser.getPageSource()).as("shown once").doesNotContain(key);
			WebElement row = browser.findElement(By.xpath("//table[@id='keys']//tr[td[1][text()='Journey CRM']]"));
			assertThat(row.findElement(By.className("scopes")).getText()).isEqualTo("*:read");
			// Regenerated: a new secret, shown once; the old one keeps working for the
			// hour.
			new Select(browser
				.findElement(By.cssSelector("select[aria-label='How long the old key of Journey CRM keeps working']")))
				.selectByVisibleText("old key works 1 more hour");
			browser.findElement(By.cssSelector("button[aria-label='Regenerate Journey CRM']")).click();
			String regenerated = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-key")))
				.getAttribute("value");
			assertThat(regenerated).startsWith("lw_live_").isNotEqualTo(key);
			HttpJson withRegenerated = platform.withKey(regenerated);
			assertThat(withRegenerated.get("/v1/leads").status()).isEqualTo(200);
			assertThat(withKey.get("/v1/leads").status()).as("in its grace period").isEqualTo(200);
			browser.navigate().to(platform.gatewayUrl() + "/app/settings/keys");
			assertThat(browser.findElement(By.xpath("//table[@id='keys']//tr[td[1][text()='Journey CRM']]")).getText())
				.contains("old key " + key.substring(0, 15) + "… works until");
			browser.findElement(By.cssSelector("button[aria-label='Revoke Journey CRM']")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("notice"), "Key revoked"));
			Awaitility.await()
				.atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(withRegenerated.get("/v1/leads").status()).isEqualTo(403));
			assertThat(withKey.get("/v1/leads").status()).as("revoking ends the grace too").isEqualTo(403);
			screenshots(browser, "keys");

			browser.findElement(By.cssSelector("header form.sign-out button")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "You are signed out"));
		}
		finally {
			browser.quit();
			Files.deleteIfExists(csv);
		}
	}

	/**
	 * A partner agency, signed in as ./leadwire's demo user of the partner: its clients
	 * and wallet, a new client, then working for its client Contoso from the header's
	 * switch (a contact made there is Contoso's, not the partner's), and back.
	 */
	@Test
	void aPartnerSwitchesBetweenItsClientCompanies() throws Exception {
		JsonNode credentials = platform.credentials();
		JsonNode demo = credentials.get("console")
			.get("users")
			.valueStream()
			.filter((user) -> user.get("tenant").asString().equals("Northwind Agency"))
			.findFirst()
			.orElseThrow();
		assertThat(credentials.get("console").get("url").asString()).isEqualTo(platform.gatewayUrl() + "/app/");
		HttpJson partner = platform.withKey(credentials.get("partner").get("liveKey").asString());
		String contoso = credentials.get("partner").get("companies").get(0).get("id").asString();

		WebDriver browser = chromium();
		try {
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
			browser.get(credentials.get("console").get("url").asString());
			signIn(browser, wait, demo.get("username").asString(), demo.get("password").asString());
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Dashboard"));

			browser.findElement(By.linkText("Clients")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Client companies"));
			assertThat(browser.findElement(By.id("clients")).getText()).contains("Contoso");
			assertThat(browser.findElement(By.id("partner-balance")).getText()).endsWith("credits");
			browser.findElement(By.id("name")).sendKeys("Fabrikam Console");
			browser.findElement(By.cssSelector("form[action$='/partner/companies'] button[type=submit]")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("notice"),
					"Client company Fabrikam Console added."));
			assertThat(new Select(browser.findElement(By.id("company"))).getOptions()).extracting(WebElement::getText)
				.contains("Northwind Agency", "Contoso", "Fabrikam Console");
			screenshots(browser, "partner");

			// Acting for Contoso: a contact made now is Contoso's.
			new Select(browser.findElement(By.id("company"))).selectByVisibleText("Contoso");
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Client companies"));
			assertThat(new Select(browser.findElement(By.id("company"))).getFirstSelectedOption().getText())
				.isEqualTo("Contoso");
			browser.findElement(By.linkText("Contacts")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Contacts"));
			browser.findElement(By.id("name")).sendKeys("Contoso Customer");
			browser.findElement(By.id("phone")).sendKeys("254711000333");
			browser.findElement(By.cssSelector("form[action$='/contacts'] button[type=submit]")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("notice"),
					"Contact Contoso Customer added."));
			screenshots(browser, "contacts-as-client");
			assertThat(partner.header("X-Company-Id", contoso).get("/v1/contacts?search=254711000333").data())
				.hasSize(1);
			assertThat(partner.get("/v1/contacts?search=254711000333").data()).as("not the partner's own").isEmpty();

			// Back to the partner's own company: Contoso's contact is not there.
			new Select(browser.findElement(By.id("company"))).selectByVisibleText("Northwind Agency");
			wait.until(ExpectedConditions.textToBe(By.cssSelector("#company option:checked"), "Northwind Agency"));
			assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("Contoso Customer");
		}
		finally {
			browser.quit();
		}
	}

	/**
	 * Leads and contacts as a team works them: a lead edited over someone else's edit
	 * (the API's 412, shown with a reload), a CSV of leads imported and watched, a
	 * website check; contacts marked favourite, added to a group in bulk, opted out; the
	 * users, audit log and wallet pages.
	 */
	@Test
	void leadsAndContactsAreWorkedFromTheTablesAndAStaleEditIsNeverSaved() throws Exception {
		JsonNode tenant = platform.createTenant("Console Tables");
		HttpJson owner = platform.withKey(tenant.get("liveKey").asString());
		assertThat(owner
			.post("/v1/users", Map.of("name", "Tess Tables", "email", "tess@tables.example", "role", "admin",
					"password", "tess-password-1"))
			.status()).isEqualTo(201);
		String leadId = owner.post("/v1/leads", Map.of("name", "Grace Hopper", "email", "grace@example.com"))
			.data()
			.get("id")
			.asString();
		String group = owner.post("/v1/contacts/groups", Map.of("name", "Prospects")).data().get("id").asString();
		owner.post("/v1/contacts", Map.of("name", "Wanjiku Bulk", "phone", "254711000444"));
		owner.post("/v1/contacts", Map.of("name", "Otieno Bulk", "phone", "254711000555"));
		for (int i = 10; i < 35; i++) {
			owner.post("/v1/contacts", Map.of("name", "Paged " + i, "phone", "2547120000" + i));
		}
		Path csv = Files.createTempFile("journey-leads", ".csv");
		Files.writeString(csv, """
				name,email,phone
				Ada Lovelace,ada@example.com,16502530000
				Alan Turing,alan@example.com,
				,,
				""");

		WebDriver browser = chromium();
		try {
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
			browser.get(platform.gatewayUrl() + "/app/leads");
			signIn(browser, wait, "tess@tables.example", "tess-password-1");
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Leads"));
			screenshots(browser, "leads");

			// Someone else edits the lead while it is open here: saving is refused,
			// nothing
			// of theirs is lost, and the reload shows their version.
			browser.findElement(By.linkText("Grace Hopper")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Grace Hopper"));
			screenshots(browser, "lead");
			assertThat(owner.patch("/v1/leads/" + leadId, Map.of("status", "qualified")).status()).isEqualTo(200);
			WebElement name = browser.findElement(By.id("name"));
			name.clear();
			name.sendKeys("Grace B. Hopper");
			browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("conflict")));
			assertThat(browser.findElement(By.id("conflict")).getText()).contains("qualified");
			assertThat(owner.get("/v1/leads/" + leadId).data().get("name").asString()).isEqualTo("Grace Hopper");
			assertThat(owner.get("/v1/leads/" + leadId).data().get("status").asString()).isEqualTo("qualified");
			screenshots(browser, "lead-conflict");
			browser.findElement(By.id("reload")).click();
			wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("conflict")));
			assertThat(new Select(browser.findElement(By.id("status"))).getFirstSelectedOption().getText())
				.isEqualTo("qualified");
			name = browser.findElement(By.id("name"));
			name.clear();
			name.sendKeys("Grace B. Hopper");
			browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("notice"), "Lead saved."));
			assertThat(owner.get("/v1/leads/" + leadId).data().get("name").asString()).isEqualTo("Grace B. Hopper");

			// A CSV of leads, watched to the end with its row errors.
			browser.findElement(By.linkText("Leads")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Leads"));
			browser.findElement(By.linkText("Import a CSV file")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Import leads"));
			browser.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
			browser.findElement(By.cssSelector("form[action$='/leads/import'] button[type=submit]")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-status"), "completed"));
			assertThat(browser.findElement(By.id("import-created")).getText()).isEqualTo("2");
			assertThat(browser.findElement(By.id("import-failed")).getText()).isEqualTo("1");

			// A website check of one chosen lead (it has none).
			browser.findElement(By.linkText("See your leads")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Leads"));
			browser.findElement(By.cssSelector("input[aria-label='Choose Alan Turing']")).click();
			browser.findElement(By.cssSelector("#leads-form button[type=submit]")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verify-status"), "completed"));
			screenshots(browser, "verification");

			// Contacts: a favourite, two added to a group at once, one opted out.
			browser.findElement(By.linkText("Contacts")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Contacts"));
			browser.findElement(By.id("search")).sendKeys("Bulk");
			browser.findElement(By.cssSelector("form[role=search] button")).click();
			wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#contacts tbody tr"), 2));
			browser.findElement(By.cssSelector("button[aria-label='Mark Wanjiku Bulk as favourite']")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("notice"),
					"Wanjiku Bulk is a favourite."));
			browser.findElement(By.cssSelector("input[aria-label='Choose Wanjiku Bulk']")).click();
			browser.findElement(By.cssSelector("input[aria-label='Choose Otieno Bulk']")).click();
			new Select(browser.findElement(By.id("bulk-group"))).selectByVisibleText("Prospects");
			browser.findElement(By.cssSelector("button[value='assign']")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("notice"),
					"2 contacts added to the group."));
			assertThat(owner.get("/v1/contacts?group_id=" + group).data()).hasSize(2);
			browser.findElement(By.cssSelector("button[aria-label='Opt out Otieno Bulk']")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("notice"), "Opted out"));
			assertThat(owner.get("/v1/contacts?search=254711000555").data().get(0).get("optedOut").asBoolean())
				.isTrue();
			assertThat(owner.get("/v1/contacts?search=254711000444").data().get(0).get("isFavorite").asBoolean())
				.isTrue();
			screenshots(browser, "contacts-worked");
			// The actions came back to the search they were made from.
			assertThat(browser.getCurrentUrl()).contains("search=Bulk");
			// 27 contacts: two pages, the second one a link away.
			browser.navigate().to(platform.gatewayUrl() + "/app/contacts");
			browser.findElement(By.cssSelector("nav.pager a[rel=next]")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("nav.pager"), "Page 2 of 2"));
			assertThat(browser.findElements(By.cssSelector("#contacts tbody tr"))).hasSize(2);

			// The account's pages.
			browser.findElement(By.linkText("Settings")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "API keys"));
			browser.findElement(By.linkText("Users")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Users"));
			assertThat(browser.findElement(By.id("users")).getText()).contains("tess@tables.example");
			screenshots(browser, "users");
			browser.findElement(By.linkText("Audit log")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Audit log"));
			screenshots(browser, "audit");
			browser.findElement(By.linkText("Wallet")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Wallet"));
			assertThat(browser.findElement(By.id("wallet-balance")).getText()).endsWith("credits");
			screenshots(browser, "wallet");
		}
		finally {
			browser.quit();
			Files.deleteIfExists(csv);
		}
	}

	/**
	 * A member sees what their role allows: no keys, users or audit log in the menus (the
	 * wallet instead), and the API's own refusal if they go there anyway.
	 */
	@Test
	void aMemberIsNotShownTheAccountsAdministration() throws Exception {
		WebDriver browser = signedIn(platform.newTenant("Console Member"), "Mo Member", "mo@member.example", "member",
				"mo-password-1");
		try {
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
			assertThat(browser.findElements(By.linkText("Settings"))).isEmpty();
			browser.findElement(By.linkText("Wallet")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Wallet"));
			assertThat(browser.findElements(By.linkText("API keys"))).isEmpty();
			screenshots(browser, "member-wallet");
			browser.navigate().to(platform.gatewayUrl() + "/app/settings/keys");
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1")));
			assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("Your keys");
		}
		finally {
			browser.quit();
		}
	}

	/**
	 * A user of the tenant made through the API, signed in at Keycloak in a new browser.
	 */
	private static WebDriver signedIn(HttpJson owner, String name, String email, String role, String password)
			throws Exception {
		assertThat(owner.post("/v1/users", Map.of("name", name, "email", email, "role", role, "password", password))
			.status()).isEqualTo(201);
		WebDriver browser = chromium();
		browser.get(platform.gatewayUrl() + "/app/");
		signIn(browser, new WebDriverWait(browser, Duration.ofSeconds(60)), email, password);
		new WebDriverWait(browser, Duration.ofSeconds(60))
			.until(ExpectedConditions.textToBe(By.tagName("h1"), "Dashboard"));
		return browser;
	}

	/**
	 * A campaign run from its page: launched, paused (nothing more is sent), resumed,
	 * then cancelled, each from its button, the status updating by itself.
	 */
	@Test
	void aRunningCampaignIsPausedResumedAndCancelledFromItsPage() throws Exception {
		JsonNode tenant = platform.createTenant("Console Controls");
		HttpJson owner = platform.withKey(tenant.get("liveKey").asString());
		HttpJson ownerTest = platform.withKey(tenant.get("testKey").asString());
		String session = ownerTest.post("/v1/sessions", Map.of("name", "Slow", "ratePerMinute", 6000))
			.data()
			.get("id")
			.asString();
		String campaign = ownerTest
			.post("/v1/campaigns",
					Map.of("name", "Slow drip", "gateway_session_id", session, "recipient_source", "manual",
							"custom_recipients",
							List.of("254712300001", "254712300002", "254712300003", "254712300004", "254712300005",
									"254712300006"),
							"message_content", Map.of("type", "text", "text", "Hello"), "strategy", "sequential",
							"rate_per_minute", 20, "anti_ban_enabled", false))
			.data()
			.get("id")
			.asString();
		WebDriver browser = signedIn(owner, "Cy Controls", "cy@controls.example", "admin", "cy-password-1");
		try {
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
			browser.findElement(By.cssSelector("form.data-switch button")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".data-switch .badge"),
					"Test data"));
			browser.navigate().to(platform.gatewayUrl() + "/app/campaigns/" + campaign);
			wait.until(ExpectedConditions.textToBe(By.id("campaign-status"), "draft"));
			// A draft is edited in the wizard, filled with what it holds.
			browser.findElement(By.linkText("Edit")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Edit campaign"));
			assertThat(browser.findElement(By.id("phones")).getAttribute("value")).contains("254712300006");
			screenshots(browser, "campaign-edit");
			WebElement name = browser.findElement(By.id("name"));
			name.clear();
			name.sendKeys("Slow drip, edited");
			browser.findElement(By.cssSelector("#campaign-form > button[type=submit]")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Slow drip, edited"));
			assertThat(ownerTest.get("/v1/campaigns/" + campaign).data().get("name").asString())
				.isEqualTo("Slow drip, edited");
			assertThat(ownerTest.get("/v1/campaigns/" + campaign).data().get("customRecipients")).hasSize(6);
			browser.findElement(By.xpath("//button[text()='Launch now']")).click();
			wait.until(ExpectedConditions.textToBe(By.id("campaign-status"), "running"));
			browser.findElement(By.xpath("//button[text()='Pause']")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("notice"), "Campaign paused"));
			assertThat(browser.findElement(By.id("campaign-status")).getText()).isEqualTo("paused");
			screenshots(browser, "campaign-paused");
			// Nothing more is sent while paused: the count holds still for 3 s (after at
			// most
			// a second for a send already under way), short of all six.
			java.util.concurrent.atomic.AtomicInteger last = new java.util.concurrent.atomic.AtomicInteger(-1);
			Awaitility.await()
				.during(Duration.ofSeconds(3))
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> {
					int sent = ownerTest.get("/v1/sandbox/messages?limit=100&campaignId=" + campaign).data().size();
					return last.getAndSet(sent) == sent;
				});
			assertThat(last.get()).as("paused before the end").isLessThan(6);
			browser.findElement(By.xpath("//button[text()='Resume']")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("notice"), "Campaign resumed"));
			browser.findElement(By.xpath("//button[text()='Cancel']")).click();
			wait.until(
					ExpectedConditions.textToBePresentInElementLocated(By.className("notice"), "Campaign cancelled."));
			wait.until(ExpectedConditions.textToBe(By.id("campaign-status"), "cancelled"));
			assertThat(ownerTest.get("/v1/campaigns/" + campaign).data().get("status").asString())
				.isEqualTo("cancelled");
		}
		finally {
			browser.quit();
		}
	}

	/**
	 * A live WhatsApp number linked from the console: a WAHA session (WAHA stubbed at the
	 * HTTP level) shows its QR code, which refreshes by itself until the phone scans it,
	 * then the session works without a reload; a message sent from the form reaches WAHA
	 * exactly, a type WAHA cannot send is refused beside the form, and the message's page
	 * shows its status history. Then, with test data, each of the ten seed message types
	 * is sent from the same form (the seeds' own values) and the sandbox trap holds them.
	 */
	@Test
	void aPhoneIsLinkedByItsQrCodeAndEveryMessageTypeIsSentFromTheSessionPage() throws Exception {
		JsonNode tenant = platform.createTenant("Console WhatsApp");
		HttpJson owner = platform.withKey(tenant.get("liveKey").asString());
		assertThat(platform.withKey(platform.platform().secrets().platformAdminKey())
			.post("/v1/wallet/top-up", Map.of("tenantId", tenant.get("id").asString(), "credits", 10))
			.status()).isEqualTo(200);
		WebDriver browser = signedIn(owner, "Wanjiru WhatsApp", "wanjiru@whatsapp.example", "admin",
				"wanjiru-password-1");
		try {
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
			browser.findElement(By.linkText("WhatsApp")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "WhatsApp sessions"));
			browser.findElement(By.id("name")).sendKeys("Front desk");
			new Select(browser.findElement(By.id("provider"))).selectByValue("waha");
			assertThat(browser.findElement(By.id("accessToken")).isDisplayed()).as("Cloud's fields hidden").isFalse();
			browser.findElement(By.cssSelector("form[action$='/sessions'] button[type=submit]")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Front desk"));
			assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("SCAN_QR_CODE");
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("img.qr")));
			// Read in the page in one step: the page replaces the image as it polls.
			String qrSource = "const img = document.querySelector('img.qr'); return img ? img.src : null";
			String firstQr = (String) ((JavascriptExecutor) browser).executeScript(qrSource);
			assertThat(firstQr).startsWith("data:image/png;base64,");
			((JavascriptExecutor) browser).executeScript("window.qrMarker = 'same page';");
			// WAHA rotates the code: the page shows each new one by itself.
			wait.until((driver) -> {
				Object now = ((JavascriptExecutor) driver).executeScript(qrSource);
				return now != null && !firstQr.equals(now);
			});
			assertThat(((JavascriptExecutor) browser)
				.executeScript("const img = document.querySelector('img.qr'); return img.complete && img.naturalWidth"))
				.as("a real image")
				.isEqualTo(174L);
			screenshots(browser, "session-qr");

			// The phone scans it: the page says WORKING and shows the number, no reload.
			String sessionId = browser.getCurrentUrl().replaceAll(".*/sessions/", "");
			platform.waha().link("lw-" + sessionId, "254712345678");
			wait.until(ExpectedConditions.textToBe(By.id("status"), "WORKING"));
			assertThat(browser.findElements(By.cssSelector("img.qr"))).isEmpty();
			assertThat(browser.findElement(By.id("session-status")).getText()).contains("+254712345678");
			assertThat(((JavascriptExecutor) browser).executeScript("return window.qrMarker")).isEqualTo("same page");

			// A message from the form reaches WAHA as WAHA's API has it.
			sendFromTheForm(browser, wait, "text", Map.of("text", "Hello from LeadFlux API!"));
			assertThat(browser.findElement(By.className("notice")).getText()).startsWith("Message to 254110377776");
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(platform.waha().sent())
					.anySatisfy((sent) -> assertThat(sent.path()).isEqualTo("/api/sendText"))
					.anySatisfy((sent) -> assertThat(sent.body()).contains("\"chatId\":\"254110377776@c.us\"")
						.contains("\"text\":\"Hello from LeadFlux API!\"")
						.contains("\"session\":\"lw-" + sessionId + "\"")));
			// Buttons: WAHA cannot send them, and the form says why.
			sendFromTheForm(browser, wait, "buttons", Map.of("text", "Do you agree?", "buttons", "Yes\nNo\nMaybe"));
			assertThat(browser.findElement(By.cssSelector("form[data-fields-by=type]")).getText())
				.contains("WAHA has deprecated buttons");
			screenshots(browser, "session-send-refused");
			// The message's page: its status history.
			browser.navigate().to(platform.gatewayUrl() + "/app/sessions/" + sessionId);
			// The log names the number as stored, in E.164.
			wait.until(ExpectedConditions.elementToBeClickable(By.linkText("+254110377776"))).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Message to +254110377776"));
			wait.until((driver) -> {
				driver.navigate().refresh();
				return driver.findElement(By.className("history")).getText().contains("sent");
			});
			assertThat(browser.findElement(By.className("history")).getText()).contains("queued");
			screenshots(browser, "message");

			// Test data: every seed type from the same form, into the sandbox.
			browser.findElement(By.cssSelector("form.data-switch button")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".data-switch .badge"),
					"Test data"));
			browser.findElement(By.linkText("WhatsApp")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "WhatsApp sessions"));
			// The account's frequency cap: at most 2 campaign messages a person a week.
			browser.findElement(By.id("capMessages")).sendKeys("2");
			browser.findElement(By.id("capDays")).sendKeys("7");
			browser.findElement(By.cssSelector("#delivery form button[type=submit]")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("notice"),
					"Quiet hours and daily cap saved."));
			assertThat(browser.findElement(By.id("capMessages")).getAttribute("value")).isEqualTo("2");
			assertThat(platform.withKey(tenant.get("testKey").asString())
				.get("/v1/campaigns/delivery-settings")
				.data()
				.get("frequencyCap")
				.get("days")
				.asInt()).isEqualTo(7);
			browser.findElement(By.id("name")).sendKeys("Every type");
			browser.findElement(By.cssSelector("form[action$='/sessions'] button[type=submit]")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Every type"));
			String everyType = browser.getCurrentUrl();
			wait.until(ExpectedConditions.textToBe(By.id("status"), "WORKING"));
			Map<String, Map<String, String>> seeds = new java.util.LinkedHashMap<>();
			seeds.put("text", Map.of("text", "Hello from LeadFlux API!"));
			seeds.put("image",
					Map.of("mediaUrl", "https://via.placeholder.com/300", "caption", "This is a test image"));
			seeds.put("video",
					Map.of("mediaUrl", "https://www.w3schools.com/html/mov_bbb.mp4", "caption", "Test Video"));
			seeds.put("document",
					Map.of("mediaUrl", "https://www.w3.org/WAI/ER/tests/xhtml/testfiles/resources/pdf/dummy.pdf",
							"caption", "Document File"));
			seeds.put("sticker", Map.of("mediaUrl",
					"https://upload.wikimedia.org/wikipedia/commons/4/4f/La_comuna_y_el_estado.png"));
			seeds.put("location", Map.of("latitude", "-1.2841", "longitude", "36.8155"));
			seeds.put("contact", Map.of("name", "John Doe", "phone", "254700000000"));
			seeds.put("poll",
					Map.of("question", "What is your favorite framework?", "options", "Laravel\nCodeIgniter\nNode.js"));
			seeds.put("buttons", Map.of("text", "Do you agree?", "footer", "LeadFlux", "buttons", "Yes\nNo\nMaybe"));
			seeds.put("list", Map.of("text", "Choose a service:", "title", "Services Menu", "buttonText", "Select",
					"rows", "Call Agent\nOpen Ticket"));
			for (Map.Entry<String, Map<String, String>> seed : seeds.entrySet()) {
				sendFromTheForm(browser, wait, seed.getKey(), seed.getValue());
				assertThat(browser.findElements(By.className("notice"))).as(seed.getKey() + " accepted")
					.singleElement()
					.satisfies((notice) -> assertThat(notice.getText()).startsWith("Message to 254110377776"));
			}
			// Templates are Meta's: refused for this session, with the reason.
			sendFromTheForm(browser, wait, "template",
					Map.of("templateName", "order_update", "language", "en", "parameters", "Jane"));
			assertThat(browser.findElement(By.cssSelector("form[data-fields-by=type]")).getText())
				.contains("templates are Meta's");
			browser.findElement(By.linkText("What the sandbox received from this session")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Sandbox trap"));
			wait.until((driver) -> {
				driver.navigate().refresh();
				return driver.findElement(By.id("sandbox-total")).getText().equals("10");
			});
			assertThat(browser.findElement(By.id("sandbox-messages")).getText()).contains("Hello from LeadFlux API!",
					"This is a test image", "mov_bbb.mp4", "dummy.pdf", "La_comuna_y_el_estado.png", "-1.2841",
					"John Doe", "What is your favorite framework?", "Do you agree?", "Call Agent");
			screenshots(browser, "sandbox-every-type");

			// The session's quiet hours and daily cap: a bad time is refused beside its
			// field; a good one is saved and said in words.
			browser.navigate().to(everyType);
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Every type"));
			WebElement delivery = browser.findElement(By.cssSelector("#delivery form"));
			delivery.findElement(By.id("start")).sendKeys("08:00");
			delivery.findElement(By.id("end")).sendKeys("25:00");
			delivery.findElement(By.cssSelector("button[type=submit]")).click();
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("end-error")));
			assertThat(browser.findElement(By.id("end-error")).getText()).contains("HH:mm");
			WebElement end = browser.findElement(By.id("end"));
			end.clear();
			end.sendKeys("20:00");
			browser.findElement(By.id("dailyCap")).sendKeys("500");
			browser.findElement(By.cssSelector("#delivery form button[type=submit]")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("notice"),
					"quiet hours and daily cap saved"));
			assertThat(browser.findElement(By.id("delivery-in-force")).getText())
				.contains("from 08:00 to 20:00 in each recipient time zone")
				.contains("at most 500 messages a day");
			screenshots(browser, "session-delivery");
		}
		finally {
			browser.quit();
		}
	}

	/**
	 * One message from the session page's form, to the seeds' number: the type chosen,
	 * its fields filled, sent; back on the page (a notice) or refused (an error).
	 */
	private static void sendFromTheForm(WebDriver browser, WebDriverWait wait, String type,
			Map<String, String> fields) {
		WebElement form = browser.findElement(By.cssSelector("form[data-fields-by=type]"));
		WebElement to = form.findElement(By.id("to"));
		to.clear();
		to.sendKeys("254110377776");
		new Select(form.findElement(By.id("type"))).selectByValue(type);
		fields.forEach((name, value) -> {
			WebElement field = form.findElement(By.id(name));
			assertThat(field.isDisplayed()).as(name + " shown for " + type).isTrue();
			field.clear();
			field.sendKeys(value);
		});
		form.findElement(By.cssSelector("button[type=submit]")).click();
		wait.until(ExpectedConditions.stalenessOf(form));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form[data-fields-by=type]")));
	}

}
