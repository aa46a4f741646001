/**
 * Implementation details; not part of the public API and subject to change without notice.
 *
 * <p>Every parameter, return value and field is non-null unless annotated {@code @Nullable}
 * (JSpecify {@code @NullMarked}).
 */
@NullMarked
package nl.ireserve.saltoks.internal;

import org.jspecify.annotations.NullMarked;
