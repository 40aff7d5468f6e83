package io.leadwire.archfixture.b;

import io.leadwire.archfixture.a.Alpha;

/** The other half of the cycle, and a public controller importing another module. */
@org.springframework.web.bind.annotation.RestController
public class Beta {

	Alpha alpha;

	io.leadwire.testing.HttpJson reachingIntoAnotherModule;

}
