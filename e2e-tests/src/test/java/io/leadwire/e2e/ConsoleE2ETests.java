package io.leadwire.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.leadwire.testing.HttpJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console (docs/console.md) in a real headless Chromium, through the gateway at
 * {@code /app}, signed in at the real Keycloak: a user made through the API signs in,
 * sees the dashboard, adds a contact (a bad phone first: the API's field error beside the
 * field), finds it through the API under the same tenant, deletes it, and signs out of
 * Keycloak too. Screenshots at desktop and 375 px wide are kept under
 * {@code target/console/}.
 */
class ConsoleE2ETests {

	static RunningPlatform platform;

	static HttpJson globexOwner;

	@BeforeAll
	static void start() throws Exception {
		platform = RunningPlatform.get();
		globexOwner = platform.withKey(platform.tenant(1).get("liveKey").asString());
	}

	@Test
	void withoutASessionTheConsoleSendsTheBrowserToSignInThroughTheGatewayAndRefusesAFormWithoutItsToken()
			throws Exception {
		HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		HttpResponse<String> page = http.send(
				HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/app/contacts")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(302);
		// Back through the gateway's address, never the console's own.
		assertThat(page.headers().firstValue("Location").orElseThrow())
			.isEqualTo(platform.gatewayUrl() + "/app/oauth2/authorization/keycloak");

		HttpResponse<String> start = http
			.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/app/oauth2/authorization/keycloak"))
				.build(), HttpResponse.BodyHandlers.ofString());
		String authorize = start.headers().firstValue("Location").orElseThrow();
		assertThat(authorize).startsWith(platform.keycloak().issuer() + "/protocol/openid-connect/auth?")
			.contains("client_id=leadwire-console")
			.contains("code_challenge_method=S256")
			.contains("code_challenge=")
			.contains("redirect_uri=" + platform.gatewayUrl() + "/app/login/oauth2/code/keycloak&");

		HttpResponse<String> forged = http
			.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/app/contacts"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("phone=254712345678"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(forged.statusCode()).isEqualTo(403);
	}

	@Test
	void aNewUserSignsInAddsAContactSeesItInTheApiDeletesItAndSignsOutOfKeycloakToo() throws Exception {
		assertThat(globexOwner
			.post("/v1/users", Map.of("name", "Cora Console", "email", "cora@globex.example", "role", "admin",
					"password", "cora-password-1"))
			.status()).isEqualTo(201);

		WebDriver browser = chromium();
		try {
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
			browser.get(platform.gatewayUrl() + "/app/");
			signIn(browser, wait, "cora@globex.example", "cora-password-1");

			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Dashboard"));
			assertThat(browser.getCurrentUrl()).startsWith(platform.gatewayUrl() + "/app/");
			assertThat(browser.findElement(By.className("who")).getText()).isEqualTo("Cora Console");
			assertThat(browser.findElement(By.id("wallet-title")).isDisplayed()).isTrue();
			screenshots(browser, "dashboard");

			Cookie session = browser.manage().getCookieNamed("LEADWIRE_CONSOLE");
			assertThat(session).isNotNull();
			assertThat(session.isHttpOnly()).isTrue();
			assertThat(session.getSameSite()).isEqualTo("Lax");
			assertThat(browser.manage().getCookies()).noneMatch((cookie) -> cookie.getValue().startsWith("eyJ"));
			// Two replicas: the session (and the tokens in it) is in Redis, so another
			// console replica serves the same signed-in user.
			assertThat(dashboardFromAnotherReplica(session.getValue())).contains("Cora Console").contains("Dashboard");

			browser.findElement(By.linkText("Contacts")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Contacts"));
			screenshots(browser, "contacts-empty");

			// A phone the API refuses: its own message, beside the field.
			browser.findElement(By.id("name")).sendKeys("Wanjiru Console");
			browser.findElement(By.id("phone")).sendKeys("12");
			browser.findElement(By.cssSelector("form[action$='/contacts'] button[type=submit]")).click();
			WebElement phoneError = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("phone-error")));
			assertThat(phoneError.getText()).isNotBlank();
			assertThat(browser.findElement(By.id("phone")).getAttribute("aria-invalid")).isEqualTo("true");
			assertThat(browser.findElement(By.id("name")).getAttribute("value")).isEqualTo("Wanjiru Console");
			screenshots(browser, "contacts-field-error");

			WebElement phone = browser.findElement(By.id("phone"));
			phone.clear();
			phone.sendKeys("254712345678");
			browser.findElement(By.cssSelector("form[action$='/contacts'] button[type=submit]")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("notice"),
					"Contact Wanjiru Console added."));
			assertThat(browser.findElement(By.tagName("table")).getText()).contains("Wanjiru Console");
			screenshots(browser, "contacts");

			HttpJson.Response listed = globexOwner.get("/v1/contacts?search=Wanjiru");
			assertThat(listed.data()).hasSize(1);
			String contactId = listed.data().get(0).get("id").asString();
			assertThat(listed.data().get(0).get("phone").asString()).contains("254712345678");
			// Written as the user, in the user's tenant: the audit log names the user.
			assertThat(platform.withKey(platform.tenant(0).get("liveKey").asString())
				.get("/v1/contacts/" + contactId)
				.status()).isEqualTo(404);

			browser.findElement(By.cssSelector("button[aria-label='Delete Wanjiru Console']")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("notice"), "Contact deleted."));
			assertThat(globexOwner.get("/v1/contacts/" + contactId).status()).isEqualTo(404);

			// Every file the pages loaded came through the gateway.
			@SuppressWarnings("unchecked")
			List<String> loaded = (List<String>) ((JavascriptExecutor) browser)
				.executeScript("return performance.getEntriesByType('resource').map(e => e.name)");
			assertThat(loaded).isNotEmpty().allMatch((url) -> url.startsWith(platform.gatewayUrl() + "/app/"));

			browser.findElement(By.cssSelector("header form.sign-out button")).click();
			wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "You are signed out"));
			// Keycloak's session ended too: the console asks for the password again.
			browser.get(platform.gatewayUrl() + "/app/");
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
			assertThat(browser.getCurrentUrl()).startsWith(platform.keycloak().issuer());
		}
		finally {
			browser.quit();
		}
	}

	/**
	 * A second console replica, started beside the first, asked for the dashboard with
	 * the browser's session cookie (as the gateway would forward it).
	 */
	private static String dashboardFromAnotherReplica(String sessionCookie) throws Exception {
		int port = io.leadwire.launcher.Platform.freePort();
		int management = io.leadwire.launcher.Platform.freePort();
		io.leadwire.launcher.Platform.Replica replica = platform.platform()
			.startExtraService("console-2", "console", port, Map.of("MANAGEMENT_PORT", Integer.toString(management),
					"GATEWAY_SERVICE_URL", platform.gatewayUrl()));
		try {
			URI gateway = URI.create(platform.gatewayUrl());
			HttpResponse<String> page = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/app/"))
					.header("Cookie", "LEADWIRE_CONSOLE=" + sessionCookie)
					.header("X-Forwarded-Host", gateway.getHost() + ":" + gateway.getPort())
					.header("X-Forwarded-Proto", "http")
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(page.statusCode()).isEqualTo(200);
			return page.body();
		}
		finally {
			replica.kill();
		}
	}

	static void signIn(WebDriver browser, WebDriverWait wait, String username, String password) {
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys(password);
		browser.findElement(By.id("kc-login")).click();
	}

	/**
	 * The screen checked by axe-core (no serious or critical violation), then shot at
	 * desktop width and at 375 px (a phone), under target/console/.
	 */
	static void screenshots(WebDriver browser, String name) throws IOException {
		com.deque.html.axecore.results.Results axe = new com.deque.html.axecore.selenium.AxeBuilder().analyze(browser);
		assertThat(axe.getViolations()).as("axe-core on " + name)
			.filteredOn((rule) -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
			.extracting((rule) -> rule.getId() + ": " + rule.getHelp() + " "
					+ rule.getNodes().stream().map((node) -> String.valueOf(node.getTarget())).toList())
			.isEmpty();
		Path folder = Files.createDirectories(Path.of("target", "console"));
		Dimension desktop = browser.manage().window().getSize();
		Files.write(folder.resolve(name + "-desktop.png"),
				((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
		browser.manage().window().setSize(new Dimension(375, 812));
		Long overflow = (Long) ((JavascriptExecutor) browser)
			.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
		Files.write(folder.resolve(name + "-375.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
		browser.manage().window().setSize(desktop);
		assertThat(overflow).as("horizontal scroll at 375 px on " + name).isLessThanOrEqualTo(0L);
	}

	/** Debian's Chromium, headless, with no network of its own, 1280 × 900. */
	static WebDriver chromium() throws IOException {
		return chromium(1280, 900);
	}

	/** Debian's Chromium, headless, with no network of its own (the machine has none). */
	static WebDriver chromium(int width, int height) throws IOException {
		ChromeOptions options = new ChromeOptions();
		options.setBinary("/usr/bin/chromium");
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=" + width + "," + height,
				"--user-data-dir=" + Files.createTempDirectory("leadwire-chromium"));
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

}
