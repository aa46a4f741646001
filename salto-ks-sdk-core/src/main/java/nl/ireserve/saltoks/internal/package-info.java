/**
 * Implementation details; not part of the public API and subject to change without notice.
 *
 * <p>Every parameter and return value is non-null unless annotated {@code @Nullable}.
 */
@ParametersAreNonnullByDefault
package nl.ireserve.saltoks.internal;

import javax.annotation.ParametersAreNonnullByDefault;
