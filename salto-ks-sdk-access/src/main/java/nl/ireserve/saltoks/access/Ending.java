package nl.ireserve.saltoks.access;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How a stage of the opening ends an attempt: the status, the reasons it adds to the decision, a detail for
 * a person, whether the attempt holds a claim (so that the journal settles it), and when the command was sent
 * and answered (null when it was not sent).
 */
record Ending(OpenOutcome.Status status, List<DenialReason> reasons, @Nullable String detail, boolean claimed,
    @Nullable Instant sentAt, @Nullable Instant answeredAt) {
  Ending {
    reasons = List.copyOf(reasons);
  }

  /** Ends before anything was sent. */
  static Ending unsent(OpenOutcome.Status status, List<DenialReason> reasons, @Nullable String detail,
      boolean claimed) {
    return new Ending(status, reasons, detail, claimed, null, null);
  }

  /** The same ending, with another status and detail (the door opened, but recording it failed). */
  Ending with(OpenOutcome.Status newStatus, @Nullable String newDetail) {
    return new Ending(newStatus, reasons, newDetail, claimed, sentAt, answeredAt);
  }
}
