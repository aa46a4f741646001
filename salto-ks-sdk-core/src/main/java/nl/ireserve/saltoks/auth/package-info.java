/**
 * Access tokens for the SALTO KS Connect API and the {@link nl.ireserve.saltoks.auth.TokenManager} extension point.
 *
 * <p>Every parameter and return value is non-null unless annotated {@code @Nullable}.
 */
@ParametersAreNonnullByDefault
package nl.ireserve.saltoks.auth;

import javax.annotation.ParametersAreNonnullByDefault;
