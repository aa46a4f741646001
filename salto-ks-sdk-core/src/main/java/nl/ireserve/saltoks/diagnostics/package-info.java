/**
 * Diagnoses and their one report model: {@link nl.ireserve.saltoks.diagnostics.Report} of {@link
 * nl.ireserve.saltoks.diagnostics.Finding}s (check, status, evidence, fix, manual reference). The
 * "Test Access Request" (manual 1.7 and problem 3), {@link nl.ireserve.saltoks.diagnostics.AccessRequestCheck},
 * runs ordered checks and returns one.
 *
 * <p>Every parameter, return value and field is non-null unless annotated {@code @Nullable}
 * (JSpecify {@code @NullMarked}).
 */
@NullMarked
package nl.ireserve.saltoks.diagnostics;

import org.jspecify.annotations.NullMarked;
