/** Implementation of the fake server; not part of the public API. */
@ParametersAreNonnullByDefault
package nl.ireserve.saltoks.testkit.internal;

import javax.annotation.ParametersAreNonnullByDefault;
