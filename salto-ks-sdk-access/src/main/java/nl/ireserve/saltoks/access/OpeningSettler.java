package nl.ireserve.saltoks.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import nl.ireserve.saltoks.Entries.Confirmation;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.exception.SaltoKsException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confirms a reservation's last sent opening from the site's entries, and settles an opening whose
 * outcome was unknown by evidence only: opened when the entries show it (recorded, checked in once), not
 * opened only when the site is known to log remote openings and the whole window passed without one.
 * Never sends a command; "not seen yet" is never a reason to open.
 */
final class OpeningSettler {
  private static final Logger LOG = LoggerFactory.getLogger(OpeningSettler.class);
  private static final Object[] STRIPES = new Object[64];

  static {
    for (int i = 0; i < STRIPES.length; i++) {
      STRIPES[i] = new Object();
    }
  }

  private final SiteClient site;
  private final AccessGuards guards;
  private final StoreCalls calls;
  private final Clock clock;
  private final Duration window;
  private final Duration firstLook;
  private final Duration maxPause;
  private final BiFunction<Reservation, Instant, @Nullable String> recorder;
  private final Consumer<AccessEvent> events;
  /** Timing for the looks of {@link #confirm}; the looks themselves run there too (a read each, bounded). */
  private final ScheduledExecutorService looks;
  /** The confirmations still looking, with their next look: ended and cancelled by {@link #close()}. */
  private final Map<CompletableFuture<Settlement>, Future<?>> looking = new ConcurrentHashMap<>();
  private volatile boolean closed;

  OpeningSettler(SiteClient site, AccessGuards guards, StoreCalls calls, Clock clock, Duration window,
      Duration firstLook, Duration maxPause, BiFunction<Reservation, Instant, @Nullable String> recorder,
      Consumer<AccessEvent> events, ScheduledExecutorService looks) {
    this.looks = looks;
    this.site = site;
    this.guards = guards;
    this.calls = calls;
    this.clock = clock;
    this.window = window;
    this.firstLook = firstLook;
    this.maxPause = maxPause;
    this.recorder = recorder;
    this.events = events;
  }

  /** Looks again and again, with backoff, until the entries decide or the window has passed. */
  CompletableFuture<Settlement> confirm(Reservation r) {
    CompletableFuture<Settlement> result = new CompletableFuture<>();
    result.whenComplete((s, e) -> looking.remove(result));
    schedule(() -> lookAgain(r, result, firstLook), firstLook, result);
    return result;
  }

  private void schedule(Runnable look, Duration after, CompletableFuture<Settlement> result) {
    try {
      if (closed) {
        throw new RejectedExecutionException("closed");
      }
      Future<?> next = looks.schedule(look, after.toMillis(), TimeUnit.MILLISECONDS);
      looking.put(result, next);
      if (result.isDone()) {
        looking.remove(result); // it ended meanwhile (its whenComplete ran before the put)
      }
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(closedBeforeDecided());
    }
  }

  private static CancellationException closedBeforeDecided() {
    return new CancellationException("the AccessService was closed before the entries decided; the journal keeps"
        + " the attempt, and the troubleshooter or the next settle decides it");
  }

  /**
   * Ends every confirmation still looking (it completes with a {@link CancellationException}) and cancels its
   * next look, so that nothing of this service stays on a host's scheduler.
   */
  void close() {
    closed = true;
    looking.forEach((result, next) -> {
      next.cancel(false);
      result.completeExceptionally(closedBeforeDecided());
    });
  }

  private void lookAgain(Reservation r, CompletableFuture<Settlement> result, Duration pause) {
    if (result.isDone()) {
      return; // ended by close()
    }
    try {
      Settlement s = settle(r);
      if (s.confirmation() == null || s.confirmation().status() != Confirmation.Status.LOOKING) {
        result.complete(s);
        return;
      }
      Duration next = pause.multipliedBy(2).compareTo(maxPause) > 0 ? maxPause : pause.multipliedBy(2);
      schedule(() -> lookAgain(r, result, next), next, result);
    } catch (RuntimeException | Error e) {
      result.completeExceptionally(e);
    }
  }

  /** One look now, and the settlement it allows. */
  Settlement settle(Reservation r) {
    synchronized (STRIPES[Math.floorMod(r.id().hashCode(), STRIPES.length)]) {
      List<AccessGuards.Attempt> journal;
      try {
        journal = calls.call("the openings journal", guards, () -> guards.journal(site.site(), r.id()));
      } catch (StoreCalls.Failed e) {
        return new Settlement(null, null, e.reason.message() + "; nothing was settled. "
            + e.reason.fix());
      }
      AccessGuards.Attempt last = lastSent(journal);
      if (last == null) {
        return new Settlement(null, null, "reservation " + r.id() + " has no sent opening to"
            + " confirm");
      }
      Instant until = last.sentAt().plus(window);
      Confirmation c;
      boolean logs;
      try {
        logs = calls.call("the access guards", guards, () -> guards.remoteOpeningsLogged(site.site()));
        c = site.entries().lookForOpening(last.lockId(), last.sentAt(), until, logs);
      } catch (StoreCalls.Failed e) {
        return new Settlement(null, last.status(), e.reason.message() + "; nothing was settled");
      } catch (SaltoKsException e) {
        return new Settlement(null, last.status(), "the entries could not be read (" + e.getMessage()
            + "); nothing was settled. Look again later.");
      }
      if (c.status() == Confirmation.Status.CONFIRMED && !logs) {
        learn();
      }
      if (last.status() != OpenOutcome.Status.UNKNOWN) {
        return new Settlement(c, last.status(), c.explain());
      }
      switch (c.status()) {
        case CONFIRMED:
          String doubt = doubt(last, c, until);
          if (doubt != null) {
            return new Settlement(c, OpenOutcome.Status.UNKNOWN, c.explain() + " But " + doubt
                + ", so it is no evidence that this command opened the door: the outcome stays unknown and"
                + " nothing is sent again for it. Ask at the door, or check the SALTO KS app.");
          }
          return settledOpened(r, last, c);
        case NOT_SEEN:
          return settledNotOpened(r, last, c);
        default:
          return new Settlement(c, OpenOutcome.Status.UNKNOWN, c.explain() + " The outcome stays"
              + " unknown: nothing is sent again for it. Troubleshooter problem 1 shows the lock's last entries.");
      }
    }
  }

  /**
   * Why a confirming entry may not be this attempt's: several remote openings of the lock matched, or
   * another journaled attempt on the same lock (another reservation sharing an entrance) was sent, or may
   * have been, in the window, or the journal cannot say. Null when the entry can only be this attempt's.
   */
  private @Nullable String doubt(AccessGuards.Attempt last, Confirmation c, Instant until) {
    if (c.certainty() != Confirmation.Certainty.EXACT) {
      return "several remote openings of the lock by the service account are in the window";
    }
    List<AccessGuards.Attempt> onLock;
    try {
      onLock = calls.call("the openings journal", guards, () -> guards.journalOfLock(site.site(), last.lockId(),
          last.sentAt().minus(window), until.plus(window)));
    } catch (StoreCalls.Failed e) {
      return "the openings journal of the lock could not be read (" + e.reason.message() + ")";
    } catch (UnsupportedOperationException e) {
      return "these access guards cannot list the lock's other openings";
    }
    for (AccessGuards.Attempt other : onLock) {
      // a journaled duplicate tap was never sent (no sentAt); an attempt in progress may be on the wire
      boolean mayHaveOpened = reachedSalto(other)
          || (other.status() == OpenOutcome.Status.IN_PROGRESS && !other.reservationId().equals(last.reservationId()));
      if (!other.id().equals(last.id()) && mayHaveOpened) {
        Instant at = other.sentAt() != null ? other.sentAt() : other.startedAt();
        return "reservation " + other.reservationId() + " also opened (or may have opened) this lock at " + at
            + " by the same service account";
      }
    }
    return null;
  }

  private Settlement settledOpened(Reservation r, AccessGuards.Attempt last, Confirmation c) {
    Boolean mine = settleIfUnknown(last, OpenOutcome.Status.OPENED, List.of());
    if (mine == null || !mine) {
      return notMine(r, last, c, mine);
    }
    String recordingFailure = recorder.apply(r, c.entry().at());
    OpenOutcome.Status status = recordingFailure == null
        ? OpenOutcome.Status.OPENED : OpenOutcome.Status.OPENED_RECORDING_FAILED;
    if (recordingFailure != null) {
      settleJournal(last, status, List.of()); // settled by this call above: now with what recording did
    }
    events.accept(new AccessEvent(status, r.id(), r.objectId(), last.lockId(), c.entry().lockName(),
        last.startedAt(), List.of()));
    return new Settlement(c, status, "Settled as opened from the entries: " + c.explain()
        + (recordingFailure == null ? " Recorded." : " But " + recordingFailure));
  }

  private Settlement settledNotOpened(Reservation r, AccessGuards.Attempt last, Confirmation c) {
    Boolean mine = settleIfUnknown(last, OpenOutcome.Status.FAILED, List.of(DenialReason.Code.NOT_OPENED));
    if (mine == null || !mine) {
      return notMine(r, last, c, mine);
    }
    DenialReason why = new DenialReason(DenialReason.Code.NOT_OPENED, c.explain(),
        "The door did not open; the guest may try again.", null);
    events.accept(new AccessEvent(OpenOutcome.Status.FAILED, r.id(), r.objectId(), last.lockId(), null,
        last.startedAt(), List.of(why)));
    return new Settlement(c, OpenOutcome.Status.FAILED, "Settled as not opened from the entries: "
        + c.explain() + " The claim is released: the guest may try again.");
  }

  /**
   * Settles the attempt if it is still unknown: true when this call did (and so records and reports it),
   * false when another instance or call settled it first, null when the journal could not be used.
   */
  private @Nullable Boolean settleIfUnknown(AccessGuards.Attempt last, OpenOutcome.Status status,
      List<DenialReason.Code> codes) {
    try {
      return calls.call("the openings journal", guards, () -> guards.settleUnknown(site.site(), as(last, status, codes)));
    } catch (StoreCalls.Failed e) {
      LOG.warn("Attempt {} could be settled as {} from the entries, but the journal could not be updated: {}",
          last.id(), status, e.reason.message());
      return null;
    }
  }

  /** Another instance (or call) settled it first, or the journal failed: nothing recorded or reported here. */
  private Settlement notMine(Reservation r, AccessGuards.Attempt last, Confirmation c,
      @Nullable Boolean settledElsewhere) {
    if (settledElsewhere == null) {
      return new Settlement(c, OpenOutcome.Status.UNKNOWN, c.explain() + " But the openings journal"
          + " could not be updated, so nothing was settled or recorded; settle again when the database answers.");
    }
    OpenOutcome.Status now = null;
    try {
      for (AccessGuards.Attempt a : calls.call("the openings journal", guards,
          () -> guards.journal(site.site(), r.id()))) {
        if (a.id().equals(last.id())) {
          now = a.status();
        }
      }
    } catch (StoreCalls.Failed e) {
      // the status stays unsaid; the explanation still holds
    }
    return new Settlement(c, now, "Settled already, by another instance or call: " + c.explain());
  }

  private static AccessGuards.Attempt as(AccessGuards.Attempt last, OpenOutcome.Status status,
      List<DenialReason.Code> codes) {
    return new AccessGuards.Attempt(last.id(), last.reservationId(), last.objectId(), last.lockId(), status, codes,
        last.startedAt(), last.sentAt(), last.answeredAt());
  }

  private void settleJournal(AccessGuards.Attempt last, OpenOutcome.Status status, List<DenialReason.Code> codes) {
    AccessGuards.Attempt settled = as(last, status, codes);
    try {
      calls.call("the openings journal", guards, () -> {
        guards.settle(site.site(), settled);
        return null;
      });
    } catch (StoreCalls.Failed e) {
      LOG.warn("Attempt {} was settled as {} from the entries, but the journal could not be updated: {}",
          last.id(), status, e.reason.message());
    }
  }

  private void learn() {
    try {
      calls.call("the access guards", guards, () -> {
        guards.learnRemoteOpeningsLogged(site.site());
        return null;
      });
    } catch (StoreCalls.Failed e) {
      LOG.warn("Could not remember that this site's entries show remote openings: {}", e.reason.message());
    }
  }

  /** The reservation's last attempt that reached SALTO (opened, or no answer). */
  private static AccessGuards.@Nullable Attempt lastSent(List<AccessGuards.Attempt> journal) {
    for (int i = journal.size() - 1; i >= 0; i--) {
      AccessGuards.Attempt a = journal.get(i);
      if (reachedSalto(a) && a.lockId() != null) {
        return a;
      }
    }
    return null;
  }

  /** Whether an attempt's command reached SALTO (opened, or no answer): sent, and not refused. */
  private static boolean reachedSalto(AccessGuards.Attempt a) {
    boolean mayHaveOpened = a.status() == OpenOutcome.Status.UNKNOWN || a.status() == OpenOutcome.Status.OPENED
        || a.status() == OpenOutcome.Status.OPENED_RECORDING_FAILED;
    return mayHaveOpened && a.sentAt() != null;
  }
}
