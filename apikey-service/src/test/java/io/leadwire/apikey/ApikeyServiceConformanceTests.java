package io.leadwire.apikey;

import io.leadwire.testing.ServiceConformanceTests;
import io.leadwire.testing.ServiceTest;

@ServiceTest
class ApikeyServiceConformanceTests extends ServiceConformanceTests {

}
