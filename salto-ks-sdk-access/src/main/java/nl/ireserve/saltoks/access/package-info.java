/**
 * When a reservation may open its door, and opening it (manual sections 3 and 4): the pure {@link
 * nl.ireserve.saltoks.access.AccessPolicy}, the door-open flow {@link
 * nl.ireserve.saltoks.access.AccessService}, the host port {@link
 * nl.ireserve.saltoks.access.ReservationRecorder}, audit events, and the {@link
 * nl.ireserve.saltoks.access.Troubleshooter}.
 *
 * <p>Every parameter, return value and field is non-null unless annotated {@code @Nullable}
 * (JSpecify {@code @NullMarked}).
 */
@NullMarked
package nl.ireserve.saltoks.access;

import org.jspecify.annotations.NullMarked;
