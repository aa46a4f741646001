package nl.ireserve.saltoks.access;

import java.time.Instant;
import java.util.Optional;
import nl.ireserve.saltoks.Site;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a door opened: the policy's last-open field and its status after opening (manual 3.3, 3.4) written
 * through the host's recorder, the status exactly once per reservation across instances (the guards' record of
 * the first check-in). Used by the door opening and by the settler when an unknown opening is settled as opened.
 */
final class CheckIn {
  private static final Logger LOG = LoggerFactory.getLogger(CheckIn.class);

  private final Site site;
  private final AccessPolicy policy;
  private final ReservationRecorder recorder;
  private final AccessGuards guards;
  private final StoreCalls calls;
  private final OpeningEnd end;

  CheckIn(Site site, AccessPolicy policy, ReservationRecorder recorder, AccessGuards guards,
      StoreCalls calls, OpeningEnd end) {
    this.end = end;
    this.site = site;
    this.policy = policy;
    this.recorder = recorder;
    this.guards = guards;
    this.calls = calls;
  }

  /** No recorder is fine only when the policy writes nothing: a write must never vanish in silence. */
  static ReservationRecorder recorder(AccessPolicy policy, @Nullable ReservationRecorder given) {
    if (given != null) {
      return given;
    }
    Optional<String> setting = policy.lastOpenField().map(f -> "lastOpenField (\"" + f + "\")")
        .or(() -> policy.statusAfterOpening().map(st -> "statusAfterOpening (\"" + st + "\")"));
    if (setting.isPresent()) {
      throw new IllegalArgumentException("recorder is missing: the policy sets " + setting.get()
          + ", which only a ReservationRecorder can write to the reservation (manual 3.3, 3.4). Set"
          + " recorder(...) on the builder, or remove the setting from the policy");
    }
    return ReservationRecorder.NONE;
  }

  /**
   * The fourth stage of the door opening: the door opened; the opening is recorded, and the attempt ends
   * as {@link OpenOutcome.Status#OPENED}, or {@link OpenOutcome.Status#OPENED_RECORDING_FAILED} saying what
   * failed.
   *
   * @param r the reservation
   * @param p what was decided
   * @param attempt the attempt, holding its claim
   * @param sent SALTO's answer (opened)
   * @return the outcome
   */
  OpenOutcome opened(Reservation r, Prepared p, AccessGuards.Attempt attempt, Ending sent) {
    String failure = record(r, attempt.startedAt());
    return end.finish(r, p, failure == null ? sent : sent.with(OpenOutcome.Status.OPENED_RECORDING_FAILED, failure),
        attempt);
  }

  /**
   * Records the opening.
   *
   * @param r the reservation whose door opened
   * @param openedAt when
   * @return null when recorded, else what failed, for a person
   */
  @Nullable String record(Reservation r, Instant openedAt) {
    try {
      Optional<String> field = policy.lastOpenField();
      if (field.isPresent()) {
        recorder.recordLastOpen(r, field.get(), openedAt);
      }
      Optional<String> after = policy.statusAfterOpening();
      if (after.isPresent() && !after.get().equals(r.status()) && firstCheckIn(r, after.get())) {
        recorder.setStatus(r, after.get());
      }
      return null;
    } catch (StoreCalls.Failed e) {
      LOG.warn("The door of reservation {} opened, but the check-in record did not answer: {}", r.id(),
          e.reason.message());
      return "the door opened, but " + e.reason.message() + " when the check-in was to be recorded: the status"
          + " after opening is set once the access guards answer (the reservation recorder did not fail)";
    } catch (RuntimeException e) {
      LOG.warn("The door of reservation {} opened, but recording it failed: {}", r.id(), e.toString());
      return "the door opened, but the reservation recorder failed: " + e;
    }
  }

  /**
   * Whether this opening is the reservation's first check-in (the guards' record, shared by every
   * instance). When the guards answer only after the time limit, and their answer is that this was the
   * first, the status is set then: the check-in happens exactly once even when the database stalls.
   */
  private boolean firstCheckIn(Reservation r, String status) {
    return calls.call("the access guards", guards, () -> guards.firstCheckIn(site, r.id()), first -> {
      if (Boolean.TRUE.equals(first)) {
        try {
          recorder.setStatus(r, status);
        } catch (RuntimeException e) {
          LOG.warn("The late check-in of reservation {} could not be recorded: {}", r.id(), e.toString());
        }
      }
    });
  }
}
