/**
 * Runnable walkthroughs of the SALTO KS integration manual.
 *
 * <p>Every parameter and return value is non-null unless annotated {@code @Nullable}.
 */
@ParametersAreNonnullByDefault
package nl.ireserve.saltoks.examples;

import javax.annotation.ParametersAreNonnullByDefault;
