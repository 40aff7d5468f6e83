package io.leadwire.contacts;

import io.leadwire.testing.ServiceConformanceTests;
import io.leadwire.testing.ServiceTest;

@ServiceTest
class ContactsServiceConformanceTests extends ServiceConformanceTests {

}
