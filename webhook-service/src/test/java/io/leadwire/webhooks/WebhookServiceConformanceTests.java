package io.leadwire.webhooks;

import io.leadwire.testing.ServiceConformanceTests;
import io.leadwire.testing.ServiceTest;

@ServiceTest
class WebhookServiceConformanceTests extends ServiceConformanceTests {

	@Override
	protected String jsonBodyPath() {
		return "/v1/webhooks/endpoints";
	}

}
