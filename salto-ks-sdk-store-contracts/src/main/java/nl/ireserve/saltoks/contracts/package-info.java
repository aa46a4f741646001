/**
 * The contracts of the SDK's store SPIs as abstract JUnit 5 test classes: a store implementation extends
 * the one of its interface ({@link nl.ireserve.saltoks.contracts.MappingStoreContract}, {@link
 * nl.ireserve.saltoks.contracts.IqKeyStoreContract}, {@link nl.ireserve.saltoks.contracts.AccessGuardsContract},
 * {@link nl.ireserve.saltoks.contracts.GuestGrantStoreContract}) in its test sources and passes the same tests
 * as the SDK's own stores, in memory and on PostgreSQL. Add this module with test scope; it needs JUnit 5 and
 * AssertJ, not the fake SALTO server.
 *
 * <p>Every parameter, return value and field is non-null unless annotated {@code @Nullable}
 * (JSpecify {@code @NullMarked}).
 */
@NullMarked
package nl.ireserve.saltoks.contracts;

import org.jspecify.annotations.NullMarked;
