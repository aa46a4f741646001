/**
 * Test support for hosts of the SALTO KS SDK: {@link nl.ireserve.saltoks.testkit.FakeSaltoKsServer},
 * a stateful fake of the SALTO KS identity server and Connect API over real HTTP; the JUnit 5
 * extension {@link nl.ireserve.saltoks.testkit.FakeSaltoKsExtension}; fault injection.
 *
 * <p>Every parameter and return value is non-null unless annotated {@code @Nullable}.
 */
@ParametersAreNonnullByDefault
package nl.ireserve.saltoks.testkit;

import javax.annotation.ParametersAreNonnullByDefault;
