package io.leadwire.leads;

import io.leadwire.testing.ServiceConformanceTests;
import io.leadwire.testing.ServiceTest;

@ServiceTest
class LeadsServiceConformanceTests extends ServiceConformanceTests {

	@Override
	protected String jsonBodyPath() {
		return "/v1/leads";
	}

}
