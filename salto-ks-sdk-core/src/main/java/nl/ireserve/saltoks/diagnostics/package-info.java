/**
 * "Test Access Request" (manual 1.7 and problem 3): {@link nl.ireserve.saltoks.diagnostics.AccessTest}
 * runs ordered checks and returns an {@link nl.ireserve.saltoks.diagnostics.AccessReport} whose every
 * line has a result, the evidence and the fix.
 *
 * <p>Every parameter and return value is non-null unless annotated {@code @Nullable}.
 */
@ParametersAreNonnullByDefault
package nl.ireserve.saltoks.diagnostics;

import javax.annotation.ParametersAreNonnullByDefault;
