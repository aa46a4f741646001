/**
 * Runnable walkthroughs of the SALTO KS integration manual.
 *
 * <p>Every parameter, return value and field is non-null unless annotated {@code @Nullable}
 * (JSpecify {@code @NullMarked}).
 */
@NullMarked
package nl.ireserve.saltoks.examples;

import org.jspecify.annotations.NullMarked;
