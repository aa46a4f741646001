/**
 * The SALTO KS client: environments, credentials, the typed {@link nl.ireserve.saltoks.SaltoKsClient}, its model and its exceptions.
 *
 * <p>Every parameter and return value is non-null unless annotated {@code @Nullable}.
 */
@ParametersAreNonnullByDefault
package nl.ireserve.saltoks;

import javax.annotation.ParametersAreNonnullByDefault;
