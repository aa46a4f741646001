/** Implementation of the fake server; not part of the public API. */
@NullMarked
package nl.ireserve.saltoks.testkit.internal;

import org.jspecify.annotations.NullMarked;
