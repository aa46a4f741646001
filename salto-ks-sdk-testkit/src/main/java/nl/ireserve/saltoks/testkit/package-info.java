/**
 * Test support for hosts of the SALTO KS SDK: {@link nl.ireserve.saltoks.testkit.FakeSaltoKsServer},
 * a stateful fake of the SALTO KS identity server and Connect API over real HTTP; the JUnit 5
 * extension {@link nl.ireserve.saltoks.testkit.FakeSaltoKsExtension}; fault injection.
 *
 * <p>Every parameter, return value and field is non-null unless annotated {@code @Nullable}
 * (JSpecify {@code @NullMarked}).
 */
@NullMarked
package nl.ireserve.saltoks.testkit;

import org.jspecify.annotations.NullMarked;
