package nl.ireserve.saltoks.access;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The door opening as a one-way pipeline: each stage does one job and hands the attempt forward to the
 * next, and whichever stage ends it hands it to {@link OpeningEnd}, which journals it, tells the listeners
 * and makes the outcome. Nothing comes back but that outcome.
 *
 * <pre>
 *   DoorOpening.open    the attempt; Readiness.prepare: switch and store generation, link, lock, IQ key, policy
 *   Claims.claim        the reservation's claim on the lock, the key's OTP turn
 *   Command.send        the remote opening, SALTO's answer, the key's guards told
 *   CheckIn.opened      the last-open field and the status after opening (once)
 *   OpeningEnd.finish   the journal, the listeners                              → the OpenOutcome
 * </pre>
 *
 * A stage knows only the one after it and the end; none calls back into {@link AccessService}.
 */
final class DoorOpening {
  private final Readiness readiness;
  private final Claims claims;
  private final OpeningEnd end;

  DoorOpening(Readiness readiness, Claims claims, OpeningEnd end) {
    this.readiness = readiness;
    this.claims = claims;
    this.end = end;
  }

  /**
   * Opens the reservation's door if it may open now.
   *
   * @param r the reservation
   * @param now the instant the attempt starts (the policy is evaluated at it)
   * @return what happened
   */
  OpenOutcome open(Reservation r, Instant now) {
    AccessGuards.Attempt attempt = new AccessGuards.Attempt(UUID.randomUUID().toString(), r.id(), r.objectId(),
        null, OpenOutcome.Status.IN_PROGRESS, List.of(), now, null, null);
    Prepared p = readiness.prepare(r, now);
    if (!p.decision().granted()) {
      return end.finish(r, p, refused(p), attempt);
    }
    return claims.claim(r, p, new AccessGuards.Attempt(attempt.id(), r.id(), r.objectId(), p.lockId(),
        OpenOutcome.Status.IN_PROGRESS, List.of(), now, null, null));
  }

  /** What a closed service answers: nothing sent, nothing journaled (its stores may be gone), one event. */
  OpenOutcome refuseClosed(Reservation r, Instant now) {
    DenialReason reason = new DenialReason(DenialReason.Code.SALTO_UNAVAILABLE, "this AccessService is closed (its"
        + " tenant was evicted, or the host is shutting down); nothing was sent to SALTO",
        "Look the tenant up again for each request, or build a new AccessService.", null);
    AccessDecision decision = readiness.policy().evaluate(r, now, readiness.zone()).plus(List.of(reason));
    end.emit(new AccessEvent(OpenOutcome.Status.FAILED, r.id(), r.objectId(), null, null, now, decision.reasons()));
    return new OpenOutcome(OpenOutcome.Status.FAILED, decision, null, null, reason.message());
  }

  /**
   * Refused before anything was sent. When SALTO could not be asked (the lock's state, on a closed client or a
   * network failure) and nothing else refused, the opening failed rather than being denied by the rules.
   */
  private static Ending refused(Prepared p) {
    boolean onlySalto = p.decision().codes().stream().allMatch(c -> c == DenialReason.Code.SALTO_UNAVAILABLE);
    return Ending.unsent(onlySalto ? OpenOutcome.Status.FAILED : OpenOutcome.Status.DENIED, List.of(), null, false);
  }
}
