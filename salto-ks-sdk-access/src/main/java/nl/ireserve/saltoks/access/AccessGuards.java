package nl.ireserve.saltoks.access;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.access.internal.GuardArgs;
import nl.ireserve.saltoks.mapping.internal.Args;
import org.jspecify.annotations.Nullable;

/**
 * Everything about opening doors that must hold across every host instance of a site, in one place:
 * the integration's on/off switch, the generation of the site's links (a relink anywhere is seen
 * everywhere before the next open), the claim of an opening per reservation and lock (with the per-lock
 * throttle), the one-time check-in, the single flight of one-time passwords per IQ key, and the
 * openings journal.
 *
 * <p>{@link #inMemory()} is the default and right for one instance. Several instances share {@code
 * JdbcStores#guards()} (module salto-ks-sdk-jdbc) on their common PostgreSQL database, which keeps every guard with the database's
 * own atomicity (unique keys, {@code INSERT … ON CONFLICT}, row locks), never an application lock. README
 * "Running several instances". A custom implementation must pass {@code AccessGuardsContract} of the
 * testkit.
 *
 * <p>Every call takes the site: rows of different sites never meet. Times come from the caller's clock
 * ({@link AccessService.Builder#clock}); instances sharing guards keep their clocks in sync (NTP).
 * Implementations are thread-safe.
 */
public interface AccessGuards {

  /**
   * Guards in this process's memory: for one host instance. Nothing survives a restart.
   *
   * @return new, empty guards; every site active
   */
  static AccessGuards inMemory() {
    return new InMemoryAccessGuards();
  }

  /**
   * The site's switch and the generation of its links, read at the start of every open.
   *
   * @param site the site
   * @return its state; a site never switched is active
   */
  SiteState state(Site site);

  /**
   * Switches the integration on or off for the site (i-Reserve's rollback: "set the integration
   * inactive"). Off, every open is denied with {@link DenialReason.Code#INTEGRATION_INACTIVE} and
   * nothing is sent to SALTO, on every instance from its next open.
   *
   * @param site the site
   * @param active true to open doors again
   */
  void setActive(Site site, boolean active);

  /**
   * Records that the site's links changed (a relink, an unlink), so that every instance reads them again
   * before its next open. The JDBC mapping store does this itself in the transaction of each write.
   *
   * @param site the site
   */
  void storesChanged(Site site);

  /**
   * Claims an opening: atomically, the attempt becomes the one in progress for its reservation and lock
   * (and is journaled as {@link OpenOutcome.Status#IN_PROGRESS}), unless another one is in progress or
   * happened within the duplicate window, or the lock had its openings in the last minute.
   *
   * @param site the site
   * @param attempt the attempt, with its lock, status {@code IN_PROGRESS} and start time
   * @param rules the window, the lease of an attempt in progress, and the throttle
   * @return what happened, with the earlier attempt when it is a duplicate
   */
  Claim claim(Site site, Attempt attempt, ClaimRules rules);

  /**
   * Settles a claimed attempt with its outcome: opened and unknown keep the claim for the window,
   * anything else releases it. Journals the outcome and the answer's time.
   *
   * @param site the site
   * @param attempt the attempt as it ended
   */
  void settle(Site site, Attempt attempt);

  /**
   * Journals an attempt that claimed nothing (denied, duplicate, throttled).
   *
   * @param site the site
   * @param attempt the attempt
   */
  void record(Site site, Attempt attempt);

  /**
   * True exactly once per reservation, on every instance together: its status after opening is due.
   *
   * @param site the site
   * @param reservationId the reservation
   * @return whether this caller writes the check-in
   */
  boolean firstCheckIn(Site site, String reservationId);

  /**
   * Whether a one-time password from an IQ key may be sent now. Until an OTP from the key was
   * accepted, one caller at a time gets {@link OtpTurn#FIRST} (for {@code lease}); the others get
   * {@link OtpTurn#WAIT}. After an acceptance all get {@link OtpTurn#GO}; after a refusal all get
   * {@link OtpTurn#REFUSED}.
   *
   * @param site the site
   * @param iqId the IQ
   * @param keyDigest a digest of the key (never the key)
   * @param now now
   * @param lease how long a first caller may take before another may go first
   * @return the turn
   */
  OtpTurn otpTurn(Site site, String iqId, String keyDigest, Instant now, Duration lease);

  /**
   * What became of an OTP from the key: accepted, refused, or {@code null} when no answer tells (the
   * first caller's turn is then released, and the next goes first).
   *
   * @param site the site
   * @param iqId the IQ
   * @param keyDigest the key's digest
   * @param accepted the answer, or null
   */
  void otpAnswered(Site site, String iqId, String keyDigest, @Nullable Boolean accepted);

  /**
   * Settles an attempt whose outcome was unknown, only if it still is (as {@link #settle} does): of
   * several instances settling the same attempt from the entries at once, exactly one gets true, and only
   * that one records the opening and reports it. The default reads the journal, then settles, under this
   * object's lock: atomic within one process only; guards shared by several instances override it (the
   * JDBC guards do, with one conditional update).
   *
   * @param site the site
   * @param attempt the attempt as it is settled, with its new status
   * @return whether this call settled it; false when it was no longer unknown (or is not journaled)
   */
  default boolean settleUnknown(Site site, Attempt attempt) {
    GuardArgs.attempt(site, attempt, false);
    synchronized (this) {
      for (Attempt a : journal(site, attempt.reservationId())) {
        if (a.id().equals(attempt.id())) {
          if (a.status() != OpenOutcome.Status.UNKNOWN) {
            return false;
          }
          settle(site, attempt);
          return true;
        }
      }
      return false;
    }
  }

  /**
   * The journaled attempts on one lock that started in {@code [from, to)}, of every reservation, oldest
   * first: what else may explain a remote opening of that lock in the entries (a shared entrance door).
   * The default cannot say and throws {@link UnsupportedOperationException}; an unknown opening is then
   * never settled as opened from the entries (another reservation's opening is no evidence for this one).
   * The SDK's guards implement it.
   *
   * @param site the site
   * @param lockId the lock
   * @param from the earliest start
   * @param to the end (exclusive)
   * @return the attempts
   */
  default List<Attempt> journalOfLock(Site site, String lockId, java.time.Instant from, java.time.Instant to) {
    throw new UnsupportedOperationException(getClass().getName() + " does not list a lock's attempts");
  }

  /**
   * The journaled attempts of a reservation, oldest first.
   *
   * @param site the site
   * @param reservationId the reservation
   * @return its attempts
   */
  List<Attempt> journal(Site site, String reservationId);

  /**
   * Whether this site's entries have ever shown a remote opening by the service account (learned from
   * the first confirmed one, {@link #learnRemoteOpeningsLogged}). No public record has shown one yet, so
   * until then the absence of an entry proves nothing and an unknown outcome is never settled as "not
   * opened". The default, for guards that do not keep it, is false: the safe answer.
   *
   * @param site the site
   * @return whether remote openings are known to show in its entries
   */
  default boolean remoteOpeningsLogged(Site site) {
    return false;
  }

  /**
   * Remembers that this site's entries show remote openings by the service account. The default keeps
   * nothing (and {@link #remoteOpeningsLogged} stays false); the SDK's guards keep it.
   *
   * @param site the site
   */
  default void learnRemoteOpeningsLogged(Site site) {}

  /**
   * The site's switch and store generation.
   *
   * @param active whether doors may open
   * @param storeGeneration changes whenever any of the site's links changes
   */
  record SiteState(boolean active, long storeGeneration) {}

  /**
   * The rules of a claim.
   *
   * @param duplicateWindow how long after an opening (or an unknown outcome) a second one sends nothing
   * @param inProgressLease how long an attempt in progress blocks others before it counts as abandoned
   *     (its instance died)
   * @param maxPerLockPerMinute most claimed openings of one lock in any 60 s
   */
  record ClaimRules(Duration duplicateWindow, Duration inProgressLease, int maxPerLockPerMinute) {
    /** Checks the rules. */
    public ClaimRules {
      Args.positive("duplicateWindow", duplicateWindow);
      Args.positive("inProgressLease", inProgressLease);
      if (maxPerLockPerMinute < 1) {
        throw new IllegalArgumentException("maxPerLockPerMinute must be at least 1, got " + maxPerLockPerMinute);
      }
    }

    /**
     * Whether an attempt still holds its claim at {@code now}: one in progress for {@link #inProgressLease},
     * one that may have opened for {@link #duplicateWindow} after its answer. A clock set back keeps the
     * claim (fails closed).
     *
     * @param holder the attempt that holds the claim
     * @param now the time of the new attempt
     * @return whether a new attempt is a duplicate of it
     */
    public boolean holds(Attempt holder, Instant now) {
      boolean inProgress = holder.status() == OpenOutcome.Status.IN_PROGRESS;
      Duration hold = inProgress ? inProgressLease : duplicateWindow;
      Instant since = inProgress || holder.answeredAt() == null ? holder.startedAt() : holder.answeredAt();
      return holder.status().keepsClaim() && now.isBefore(since.plus(hold));
    }
  }

  /**
   * What a claim got.
   *
   * @param result claimed, duplicate or throttled
   * @param earlier the attempt that holds the claim, when a duplicate
   */
  record Claim(Result result, @Nullable Attempt earlier) {
    /** Checks the result. */
    public Claim {
      Args.notNull("result", result);
    }

    /** What a claim got. */
    public enum Result {
      /** This attempt may send. */
      CLAIMED,
      /** Another attempt of the reservation and lock is in progress, or happened within the window. */
      DUPLICATE,
      /** The lock had its openings in the last minute. */
      THROTTLED
    }
  }

  /** Whether an OTP may be sent. */
  enum OtpTurn {
    /** Go: the key's validity is unknown and this caller checks it; report with {@link #otpAnswered}. */
    FIRST,
    /** Go: an OTP from the key was accepted before. */
    GO,
    /** Another caller is checking the key: ask again in a moment. */
    WAIT,
    /** An OTP from the key was refused: send none. */
    REFUSED
  }

  /**
   * One open attempt, as the journal keeps it.
   *
   * @param id the attempt's id (a UUID)
   * @param reservationId the reservation
   * @param objectId its object
   * @param lockId the lock, when the object is mapped
   * @param status its outcome, {@code IN_PROGRESS} until settled
   * @param reasons the codes of the reasons it did not open
   * @param startedAt when the attempt began
   * @param sentAt when the command went to SALTO, if it did
   * @param answeredAt when SALTO's answer (or its absence) settled it
   */
  record Attempt(
      String id,
      String reservationId,
      String objectId,
      @Nullable String lockId,
      OpenOutcome.Status status,
      List<DenialReason.Code> reasons,
      Instant startedAt,
      @Nullable Instant sentAt,
      @Nullable Instant answeredAt) {

    /** Checks the fields and copies the reasons. */
    public Attempt {
      Args.text("id", id, 36);
      Args.text("reservationId", reservationId, 200);
      Args.text("objectId", objectId, 200);
      if (lockId != null) {
        lockId = Args.uuid("lockId", lockId);
      }
      Args.notNull("status", status);
      Args.notNull("reasons", reasons);
      for (DenialReason.Code code : reasons) {
        Args.notNull("reasons[]", code); // (List.contains(null) throws on immutable lists)
      }
      reasons = List.copyOf(reasons);
      Args.notNull("startedAt", startedAt);
    }

    /** This attempt, with when it was sent and answered. */
    Attempt answered(@Nullable Instant sent, Instant answered) {
      return new Attempt(id, reservationId, objectId, lockId, status, reasons, startedAt, sent, answered);
    }
  }
}
