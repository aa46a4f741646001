/**
 * Implementation details; not part of the public API.
 *
 * <p>Every parameter, return value and field is non-null unless annotated {@code @Nullable}
 * (JSpecify {@code @NullMarked}).
 */
@NullMarked
package nl.ireserve.saltoks.mapping.internal;

import org.jspecify.annotations.NullMarked;
