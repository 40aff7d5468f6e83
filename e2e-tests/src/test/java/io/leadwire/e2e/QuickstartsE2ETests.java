package io.leadwire.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's quickstarts, run as a reader runs them: the scripts under
 * {@code examples/} with curl against the running platform, so they stay true.
 */
class QuickstartsE2ETests {

	static RunningPlatform platform;

	@BeforeAll
	static void start() throws Exception {
		platform = RunningPlatform.get();
	}

	@Test
	void theCampaignQuickstartRunsFromSessionToWhatTheSandboxReceived() throws Exception {
		String key = platform.createTenant("Quickstart Shop").get("testKey").asString();
		String output = run("quickstart-campaign.sh", key);
		assertThat(output).contains("3. import").contains("4 contacts created");
		assertThat(output).contains("4. preview: 4 sendable");
		assertThat(output).contains("6. campaign completed").contains("sent 4 of 4");
		assertThat(output).contains("+254712345601 <- /api/sendText Hi Jane, our Nairobi shop opens today!")
			.contains("+254712345603 <- /api/sendText Hi Amina, our Mombasa shop opens today!");
	}

	@Test
	void thePartnerQuickstartActsInItsNewClientCompanyOnly() throws Exception {
		String output = run("quickstart-partner.sh", platform.credentials().get("partner").get("liveKey").asString());
		assertThat(output).contains("1. onboarded company")
			.contains("Quickstart Bakery")
			.contains(
					"3. the AgencyHandy path answers in its own shape: Companies associated with API token. first _id: ")
			.contains("5. the company's contacts: 1")
			.contains("6. the partner's own contacts do not include it: True");
	}

	private static String run(String script, String key) throws Exception {
		Path examples = platform.platform().settings().projectDir().resolve("examples");
		ProcessBuilder builder = new ProcessBuilder("bash", examples.resolve(script).toString())
			.redirectErrorStream(true)
			.directory(examples.toFile());
		builder.environment().put("LEADWIRE_URL", platform.gatewayUrl());
		builder.environment().put("LEADWIRE_KEY", key);
		Process process = builder.start();
		process.getOutputStream().close();
		return finish(process, script);
	}

	private static String finish(Process process, String script) throws Exception {
		boolean done = process.waitFor(3, TimeUnit.MINUTES);
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(done).as(script + " finished within 3 minutes: " + output).isTrue();
		assertThat(process.exitValue()).as(script + ":\n" + output).isZero();
		return output;
	}

}
