/**
 * The client's extension points: what a host plugs in, and what the SDK hands to it. {@link
 * nl.ireserve.saltoks.spi.TokenManager} supplies access tokens; an {@link nl.ireserve.saltoks.spi.Observer}
 * sees every {@link nl.ireserve.saltoks.spi.ObservedCall} (for metrics and tracing); an {@link
 * nl.ireserve.saltoks.spi.Interceptor} adds headers to each {@link nl.ireserve.saltoks.spi.OutgoingRequest}.
 * None of them is given a secret, a token's value (except the token manager), a PIN, an OTP or a body.
 *
 * <p>Every parameter, return value and field is non-null unless annotated {@code @Nullable}
 * (JSpecify {@code @NullMarked}).
 */
@NullMarked
package nl.ireserve.saltoks.spi;

import org.jspecify.annotations.NullMarked;
