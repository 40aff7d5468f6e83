package io.leadwire.messaging;

import io.leadwire.testing.ServiceConformanceTests;
import io.leadwire.testing.ServiceTest;

@ServiceTest
class MessagingServiceConformanceTests extends ServiceConformanceTests {

}
