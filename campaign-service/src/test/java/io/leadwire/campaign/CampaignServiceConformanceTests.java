package io.leadwire.campaign;

import io.leadwire.testing.ServiceConformanceTests;
import io.leadwire.testing.ServiceTest;

@ServiceTest
class CampaignServiceConformanceTests extends ServiceConformanceTests {

}
