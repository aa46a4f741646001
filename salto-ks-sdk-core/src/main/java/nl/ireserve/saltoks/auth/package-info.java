/**
 * Access tokens for the SALTO KS Connect API and the {@link nl.ireserve.saltoks.auth.TokenManager} extension point.
 *
 * <p>Every parameter, return value and field is non-null unless annotated {@code @Nullable}
 * (JSpecify {@code @NullMarked}).
 */
@NullMarked
package nl.ireserve.saltoks.auth;

import org.jspecify.annotations.NullMarked;
