/**
 * The SALTO KS client: environments, credentials, the typed {@link nl.ireserve.saltoks.SaltoKsClient} and its model. Its exceptions are in {@link nl.ireserve.saltoks.exception}, its extension points in {@link nl.ireserve.saltoks.spi}.
 *
 * <p>Every parameter, return value and field is non-null unless annotated {@code @Nullable}
 * (JSpecify {@code @NullMarked}).
 */
@NullMarked
package nl.ireserve.saltoks;

import org.jspecify.annotations.NullMarked;
