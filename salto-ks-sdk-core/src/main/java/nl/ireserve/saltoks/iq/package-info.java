/**
 * IQ keys (secret and PIN) and the one-time passwords computed from them.
 *
 * <p>Every parameter and return value is non-null unless annotated {@code @Nullable}.
 */
@ParametersAreNonnullByDefault
package nl.ireserve.saltoks.iq;

import javax.annotation.ParametersAreNonnullByDefault;
