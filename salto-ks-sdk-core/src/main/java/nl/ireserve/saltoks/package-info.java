/**
 * The SALTO KS client: environments, credentials, the typed {@link nl.ireserve.saltoks.SaltoKsClient}, its model and its exceptions.
 *
 * <p>Every parameter, return value and field is non-null unless annotated {@code @Nullable}
 * (JSpecify {@code @NullMarked}).
 */
@NullMarked
package nl.ireserve.saltoks;

import org.jspecify.annotations.NullMarked;
