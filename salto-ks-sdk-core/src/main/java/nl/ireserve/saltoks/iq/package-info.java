/**
 * IQ keys (secret and PIN) and the one-time passwords computed from them.
 *
 * <p>Every parameter, return value and field is non-null unless annotated {@code @Nullable}
 * (JSpecify {@code @NullMarked}).
 */
@NullMarked
package nl.ireserve.saltoks.iq;

import org.jspecify.annotations.NullMarked;
