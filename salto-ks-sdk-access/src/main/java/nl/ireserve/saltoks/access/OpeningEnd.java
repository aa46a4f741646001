package nl.ireserve.saltoks.access;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.exception.StoreException;
import nl.ireserve.saltoks.mapping.internal.Args;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last stage of every attempt, whichever stage ended it: the attempt journaled (its claim settled when it
 * holds one), the event told to every listener, and the outcome returned. The settler tells the listeners
 * through it too, and {@link AccessService#journal} reads the journal through it.
 */
final class OpeningEnd {
  private static final Logger LOG = LoggerFactory.getLogger(OpeningEnd.class);

  private final Site site;
  private final AccessGuards guards;
  private final StoreCalls calls;
  private final List<Consumer<AccessEvent>> listeners;
  private final Clock clock;

  OpeningEnd(Site site, AccessGuards guards, StoreCalls calls, List<Consumer<AccessEvent>> listeners,
      Clock clock) {
    this.site = site;
    this.guards = guards;
    this.calls = calls;
    this.listeners = List.copyOf(listeners);
    this.clock = clock;
  }

  /**
   * Ends an attempt.
   *
   * @param r the reservation
   * @param p what was decided before anything was sent
   * @param ending how a stage ended it
   * @param attempt the attempt as it started
   * @return the outcome
   */
  OpenOutcome finish(Reservation r, Prepared p, Ending ending, AccessGuards.Attempt attempt) {
    String lockId = p.lockId();
    AccessDecision decision = ending.reasons().isEmpty() ? p.decision() : p.decision().plus(ending.reasons());
    OpenOutcome outcome = new OpenOutcome(ending.status(), decision, lockId, p.lockName(), ending.detail());
    AccessGuards.Attempt done = new AccessGuards.Attempt(attempt.id(), r.id(), r.objectId(), lockId, ending.status(),
        decision.codes(), attempt.startedAt(), ending.sentAt(),
        ending.answeredAt() != null ? ending.answeredAt() : clock.instant());
    try {
      calls.call("the openings journal", guards, () -> {
        if (ending.claimed()) {
          guards.settle(site, done);
        } else {
          guards.record(site, done);
        }
        return null;
      });
    } catch (StoreCalls.Failed e) {
      LOG.warn("An attempt for reservation {} could not be journaled: {}{}", r.id(), e.reason.message(),
          ending.claimed() ? "; its claim expires by itself" : "");
    }
    emit(new AccessEvent(ending.status(), r.id(), r.objectId(), lockId, p.lockName(), attempt.startedAt(),
        decision.reasons()));
    if (LOG.isDebugEnabled()) {
      LOG.debug("Reservation {} object {} lock {}: {} {}", r.id(), r.objectId(), lockId, ending.status(),
          decision.codes());
    }
    return outcome;
  }

  /**
   * The journal's attempts of a reservation, oldest first, read through the store time limit.
   *
   * @throws StoreException when the journal cannot be read
   */
  List<AccessGuards.Attempt> attempts(String reservationId) {
    String id = Args.text("reservationId", reservationId, 200);
    try {
      return calls.call("the openings journal", guards, () -> guards.journal(site, id));
    } catch (StoreCalls.Failed e) {
      throw new StoreException(e.reason.message() + "; check the host's database", e.getCause());
    }
  }

  /** Tells every listener; a failing listener is logged and does not stop the others. */
  void emit(AccessEvent event) {
    for (Consumer<AccessEvent> l : listeners) {
      try {
        l.accept(event);
      } catch (RuntimeException e) {
        LOG.warn("An access listener failed for reservation {}: {}", event.reservationId(), e.toString());
      }
    }
  }
}
