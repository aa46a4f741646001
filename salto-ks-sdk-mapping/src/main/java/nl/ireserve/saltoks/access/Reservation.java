package nl.ireserve.saltoks.access;

import java.time.Instant;
import java.time.ZoneId;
import javax.annotation.Nullable;
import nl.ireserve.saltoks.mapping.internal.Args;

/**
 * What the SDK needs to know of an i-Reserve reservation.
 *
 * @param id the reservation's id
 * @param objectId the booked object (for example Room 101's id)
 * @param status the reservation's current status, as the host names it ("Confirmed", "Paid", …)
 * @param start when the reservation starts
 * @param end when it ends (after {@code start})
 * @param paymentComplete whether payment has been completed
 * @param timeZone the time zone the host shows the reservation's times in, if known (used to spot a
 *     mismatch with the site's zone, manual problem 5)
 */
public record Reservation(
    String id,
    String objectId,
    String status,
    Instant start,
    Instant end,
    boolean paymentComplete,
    @Nullable ZoneId timeZone) {

  /** Validates the fields. */
  public Reservation {
    Args.text("id", id, 200);
    Args.text("objectId", objectId, 200);
    Args.notNull("status", status);
    if (status.length() > 100) {
      throw new IllegalArgumentException("status is longer than 100 characters");
    }
    Args.notNull("start", start);
    Args.notNull("end", end);
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("end (" + end + ") must be after start (" + start + ")");
    }
  }

  /** The same reservation in another status (as after check-in). */
  public Reservation withStatus(String newStatus) {
    return new Reservation(id, objectId, newStatus, start, end, paymentComplete, timeZone);
  }
}
