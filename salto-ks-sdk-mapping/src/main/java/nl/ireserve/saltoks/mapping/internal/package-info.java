/**
 * Implementation details; not part of the public API.
 *
 * <p>Every parameter and return value is non-null unless annotated {@code @Nullable}.
 */
@ParametersAreNonnullByDefault
package nl.ireserve.saltoks.mapping.internal;

import javax.annotation.ParametersAreNonnullByDefault;
