/**
 * Every store and guard of the SDK in PostgreSQL (12 or newer), from one entry point, {@link
 * nl.ireserve.saltoks.jdbc.JdbcStores}: links and IQ keys bound to a site (IQ secrets and PINs encrypted with
 * AES-256-GCM, {@link nl.ireserve.saltoks.jdbc.KeyEncryption}), and the guards and guest grants every
 * instance shares. The schema is SQL in {@code db/saltoks/migration}, for Flyway or for the SDK to apply.
 *
 * <p>Every parameter, return value and field is non-null unless annotated {@code @Nullable}
 * (JSpecify {@code @NullMarked}).
 */
@NullMarked
package nl.ireserve.saltoks.jdbc;

import org.jspecify.annotations.NullMarked;
