package nl.ireserve.saltoks.access;

import java.time.Instant;

/**
 * The host's side of an opening: writes to the reservation what the policy asks for (manual 3.3 and
 * 3.4). The SDK calls it after SALTO confirmed the opening; a failure here does not re-open the door.
 *
 * <p>Implementations must be thread-safe.
 */
public interface ReservationRecorder {
  /** A recorder that records nothing. */
  ReservationRecorder NONE = new ReservationRecorder() {
    @Override
    public void recordLastOpen(Reservation reservation, String field, Instant openedAt) {}

    @Override
    public void setStatus(Reservation reservation, String newStatus) {}
  };

  /**
   * Writes the time of the opening into the configured field (manual 3.3). Called for every opening.
   *
   * @param reservation the reservation
   * @param field the field's name, such as "Reservation changed 01"
   * @param openedAt when the door opened
   */
  void recordLastOpen(Reservation reservation, String field, Instant openedAt);

  /**
   * Moves the reservation to the status after opening (manual 3.4, check-in). Called once, on the
   * reservation's first opening.
   *
   * @param reservation the reservation
   * @param newStatus the new status, such as "23-LOCKOPOPEN"
   */
  void setStatus(Reservation reservation, String newStatus);
}
