/**
 * JDBC implementations of the stores: portable SQL, schema created on demand, IQ secrets and PINs encrypted with AES-GCM.
 *
 * <p>Every parameter and return value is non-null unless annotated {@code @Nullable}.
 */
@ParametersAreNonnullByDefault
package nl.ireserve.saltoks.mapping.jdbc;

import javax.annotation.ParametersAreNonnullByDefault;
