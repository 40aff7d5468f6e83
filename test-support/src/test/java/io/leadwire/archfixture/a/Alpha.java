package io.leadwire.archfixture.a;

import io.leadwire.archfixture.b.Beta;

/** Half of a package cycle that the architecture rules must catch. */
public class Alpha {

	Beta beta;

}
