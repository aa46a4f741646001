package nl.ireserve.saltoks.access;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One open attempt, for the audit trail (manual 3.3: logging, audit trail, support analysis).
 *
 * @param outcome what happened
 * @param reservationId the reservation
 * @param objectId its object
 * @param lockId the lock, if the object is mapped
 * @param lockName the lock's name, if mapped
 * @param at when
 * @param reasons why it was denied or failed; empty when opened
 */
public record AccessEvent(
    OpenOutcome.Status outcome,
    String reservationId,
    String objectId,
    @Nullable String lockId,
    @Nullable String lockName,
    Instant at,
    List<DenialReason> reasons) {

  /** Copies the list. */
  public AccessEvent {
    reasons = List.copyOf(reasons);
  }
}
