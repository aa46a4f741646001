/**
 * JDBC implementations of the stores: portable SQL, schema created on demand, IQ secrets and PINs encrypted with AES-GCM.
 *
 * <p>Every parameter, return value and field is non-null unless annotated {@code @Nullable}
 * (JSpecify {@code @NullMarked}).
 */
@NullMarked
package nl.ireserve.saltoks.mapping.jdbc;

import org.jspecify.annotations.NullMarked;
