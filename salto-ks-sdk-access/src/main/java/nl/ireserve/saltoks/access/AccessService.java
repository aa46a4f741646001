package nl.ireserve.saltoks.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import nl.ireserve.saltoks.Entries;
import nl.ireserve.saltoks.Lock;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.exception.SaltoAccessorPinMissingException;
import nl.ireserve.saltoks.exception.SaltoKsException;
import nl.ireserve.saltoks.exception.SaltoNotFoundException;
import nl.ireserve.saltoks.exception.SaltoOpenOutcomeUnknownException;
import nl.ireserve.saltoks.exception.SaltoOtpBlockedException;
import nl.ireserve.saltoks.exception.SaltoOtpInvalidException;
import nl.ireserve.saltoks.exception.SaltoOtpSuspendedException;
import nl.ireserve.saltoks.exception.SaltoPinNotSetException;
import nl.ireserve.saltoks.exception.StoreException;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.mapping.ObjectLockLink;
import nl.ireserve.saltoks.mapping.internal.Args;
import nl.ireserve.saltoks.mapping.internal.CachedIqKeyStore;
import nl.ireserve.saltoks.mapping.internal.CachedMappingStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the right door for a reservation, or says why not (README "The path of one open"):
 * policy → mapping → lock and IQ → IQ key → one-time password and remote open → the host's recorder →
 * listeners.
 *
 * <p>It fails closed: when anything is missing or not allowed, nothing is sent to SALTO, and the
 * outcome lists every reason. What must hold across host instances lives in its {@link AccessGuards}
 * (in memory by default; {@code JdbcStores.guards()} for several instances on one database): the
 * integration switch; a second {@link #open} for the same reservation and lock while one is in progress
 * or within the duplicate window sends nothing, and says truthfully why ({@link
 * OpenOutcome.Status#IN_PROGRESS}, {@link OpenOutcome.Status#ALREADY_OPENED} only after an opening,
 * {@link OpenOutcome.Status#UNKNOWN} after a lost answer); the status after opening is set once; a
 * per-lock throttle refuses floods; until an OTP from an IQ key was accepted, one opening at a time
 * tests it. Every attempt is journaled ({@link #journal}) and reaches the listeners. Calls to the
 * host's stores have a time limit ({@link Builder#storeTimeout}).
 *
 * <p>Thread-safe; build one per site and share it.
 */
public final class AccessService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AccessService.class);
  /** How long an attempt in progress blocks a duplicate before it counts as abandoned (its host died). */
  private static final Duration IN_PROGRESS_LEASE = Duration.ofMinutes(2);
  /** How long the first OTP from a key of unknown validity may take before another instance tests it. */
  private static final Duration OTP_LEASE = Duration.ofMinutes(1);
  /** How long an open waits for another one's test of a key before it gives up, unsent. */
  private static final Duration OTP_WAIT = Duration.ofSeconds(10);

  private final SiteClient site;
  private final AccessPolicy policy;
  private final MappingStore mappings;
  private final IqKeyStore keys;
  private final ReservationRecorder recorder;
  private final List<Consumer<AccessEvent>> listeners;
  private final Clock clock;
  private final ZoneId zone;
  private final AccessGuards guards;
  private final AccessGuards.ClaimRules rules;
  private final StoreCalls calls;
  private final LockDirectory locks;
  private final Duration otpWait;
  private final OpeningSettler settler;
  /** The SDK's default pools, when the host supplied no executor; released by {@link #close()}. */
  private final DefaultPools.@Nullable Lease pools;
  private final AtomicLong linksSeen = new AtomicLong(Long.MIN_VALUE);
  private volatile boolean closed;
  /** Openings under way: the pools stay theirs until the last one ends. */
  private final AtomicInteger inFlight = new AtomicInteger();

  private AccessService(Builder b) {
    this.site = required("site", b.site, "site(client.site(site))");
    this.policy = required("policy", b.policy, "policy(AccessPolicy.builder()…build())");
    this.mappings = required("mappings", b.mappings, "mappings(store)");
    this.keys = required("keys", b.keys, "keys(store)");
    Args.sameSite("mappings", mappings.site(), site.site());
    Args.sameSite("keys", keys.site(), site.site());
    this.recorder = recorder(policy, b.recorder);
    this.listeners = new CopyOnWriteArrayList<>(b.listeners);
    this.clock = b.clock;
    this.zone = site.site().zone().orElse(ZoneOffset.UTC);
    this.guards = b.guards;
    this.rules = new AccessGuards.ClaimRules(b.duplicateWindow, IN_PROGRESS_LEASE, b.maxOpensPerLockPerMinute);
    this.pools = b.storeExecutor == null || b.scheduler == null ? DefaultPools.acquire() : null;
    this.calls = new StoreCalls(b.storeTimeout, b.storeExecutor != null ? b.storeExecutor : pools.storeCalls());
    this.locks = new LockDirectory(site.locks(), b.lockInfoTtl, clock);
    this.otpWait = OTP_WAIT;
    this.settler = new OpeningSettler(site, guards, calls, clock, b.confirmationWindow, b.firstLook, b.maxLookPause,
        this::record, this::emit, b.scheduler != null ? b.scheduler : pools.scheduler());
  }

  /**
   * Closes the service: confirmations still looking end (with a {@link java.util.concurrent.CancellationException};
   * the journal keeps their attempts), and the SDK's default pools are released (shut down with the last
   * service that used them). Executors the host supplied are left running. An opening already under way
   * finishes; afterwards {@link #open} sends nothing and answers {@link OpenOutcome.Status#FAILED}, and {@link
   * #check} throws {@link IllegalStateException}. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    settler.close();
    if (inFlight.get() == 0) {
      releasePools(); // else the last opening under way releases them when it ends
    }
  }

  private void releasePools() {
    if (pools != null) {
      pools.release(); // idempotent
    }
  }

  /** What a closed service answers: nothing sent, nothing journaled (its stores may be gone), one event. */
  private OpenOutcome closedOutcome(Reservation r, Instant now) {
    DenialReason reason = new DenialReason(DenialReason.Code.SALTO_UNAVAILABLE, "this AccessService is closed (its"
        + " tenant was evicted, or the host is shutting down); nothing was sent to SALTO",
        "Look the tenant up again for each request, or build a new AccessService.", null);
    AccessDecision decision = policy.evaluate(r, now, zone).plus(List.of(reason));
    emit(new AccessEvent(OpenOutcome.Status.FAILED, r.id(), r.objectId(), null, null, now, decision.reasons()));
    return new OpenOutcome(OpenOutcome.Status.FAILED, decision, null, null, reason.message());
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("this AccessService is closed; build a new one");
    }
  }

  /** No recorder is fine only when the policy writes nothing: a write must never vanish in silence. */
  private static ReservationRecorder recorder(AccessPolicy policy, @Nullable ReservationRecorder given) {
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

  private static <T> T required(String part, @Nullable T value, String setter) {
    if (value == null) {
      throw new IllegalArgumentException(part + " is missing: set " + setter + " on the builder");
    }
    return value;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The policy in force. */
  public AccessPolicy policy() {
    return policy;
  }

  /**
   * The troubleshooter of this service: the manual's problems answered with this service's site,
   * policy, stores and clock, and with {@link #check} itself.
   *
   * @return the troubleshooter
   */
  public Troubleshooter troubleshooter() {
    return new Troubleshooter(this, site, mappings, keys, clock, zone);
  }

  /**
   * Guest access for stays on this service's site, with this service's policy and links: a KS guest, an
   * access group with a time schedule for the policy's window, and a keypad PIN for the host to deliver.
   *
   * @param grants where grants are recorded ({@link GuestGrantStore#inMemory()} or {@code
   *     jdbc(dataSource)} for several instances)
   * @return the guest access service
   */
  public GuestAccessService guests(GuestGrantStore grants) {
    return new GuestAccessService(this, Args.notNull("grants", grants), GuestAccessService.Retry.DEFAULT);
  }

  SiteClient siteClient() {
    return site;
  }

  Clock clock() {
    return clock;
  }

  ZoneId zone() {
    return zone;
  }

  /** The object's link, read through the store time limit; empty when unmapped. */
  /** A lock as last read from SALTO (cached briefly, like the open path's). */
  Lock lock(String lockId) {
    return locks.get(lockId);
  }

  Optional<ObjectLockLink> link(String objectId) {
    try {
      return calls.call("the mapping store", mappings, () -> mappings.findByObject(objectId));
    } catch (StoreCalls.Failed e) {
      throw new StoreException(e.reason.message() + "; check the host's database", e.getCause());
    }
  }

  /**
   * Decides whether the reservation may open its door now, with every reason — policy, mapping, IQ
   * key, lock state — without opening anything.
   *
   * @param reservation the reservation
   * @return the decision
   * @throws IllegalStateException when the service is closed
   */
  public AccessDecision check(Reservation reservation) {
    ensureOpen();
    return prepare(reservation, clock.instant()).decision;
  }

  /**
   * Opens the reservation's door if it may open now.
   *
   * @param reservation the reservation, with its current status
   * @return what happened; never throws for a refusal, a SALTO failure or a failing store (only for a
   *     null reservation). A closed service sends nothing and answers {@link OpenOutcome.Status#FAILED}.
   */
  public OpenOutcome open(Reservation reservation) {
    Args.notNull("reservation", reservation);
    Instant now = clock.instant();
    inFlight.incrementAndGet(); // before the check: close() then either sees it, or this sees closed
    try {
      if (closed) {
        return closedOutcome(reservation, now);
      }
      AccessGuards.Attempt attempt = new AccessGuards.Attempt(UUID.randomUUID().toString(), reservation.id(),
          reservation.objectId(), null, OpenOutcome.Status.IN_PROGRESS, List.of(), now, null, null);
      Prepared p = prepare(reservation, now);
      if (!p.decision.granted()) {
        // SALTO could not be asked (the lock's state, on a closed client or a network failure) and nothing else
        // refused: an opening that failed, not one the rules denied
        boolean onlySalto = p.decision.codes().stream().allMatch(c -> c == DenialReason.Code.SALTO_UNAVAILABLE);
        return finish(reservation, p, onlySalto ? OpenOutcome.Status.FAILED : OpenOutcome.Status.DENIED, p.decision,
            null, attempt, false);
      }
      String lockId = p.link.lockId();
      AccessGuards.Attempt claiming = new AccessGuards.Attempt(attempt.id(), reservation.id(),
          reservation.objectId(), lockId, OpenOutcome.Status.IN_PROGRESS, List.of(), now, null, null);
      String digest = digest(p.key);
      String iqId = p.key.iqId();
      AccessGuards.Claim claim;
      AccessGuards.OtpTurn turn;
      try {
        // the claim and the key's first OTP turn in one call: one trip to the guards' thread, not two
        Started started = calls.call("the access guards", guards, () -> {
          AccessGuards.Claim c = guards.claim(site.site(), claiming, rules);
          return new Started(c, c.result() == AccessGuards.Claim.Result.CLAIMED
              ? guards.otpTurn(site.site(), iqId, digest, clock.instant(), OTP_LEASE) : null);
        }, late -> releaseLate(late, claiming, iqId, digest));
        claim = started.claim();
        turn = started.turn();
      } catch (StoreCalls.Failed e) {
        return finish(reservation, p, OpenOutcome.Status.DENIED, p.decision.plus(List.of(e.reason)), null,
            claiming, false);
      }
      if (claim.result() == AccessGuards.Claim.Result.THROTTLED) {
        return finish(reservation, p, OpenOutcome.Status.DENIED, p.decision.plus(List.of(new DenialReason(
            DenialReason.Code.THROTTLED, "lock " + p.lockName + " was opened too often in the last minute",
            "Wait a minute; a flood of openings of one door is refused locally.", null))), null, claiming, false);
      }
      if (claim.result() == AccessGuards.Claim.Result.DUPLICATE) {
        return duplicate(reservation, p, claim.earlier(), claiming);
      }
      DenialReason otpRefusal = awaitOtpTurn(p, digest, turn);
      if (otpRefusal != null) {
        return finish(reservation, p, OpenOutcome.Status.FAILED, p.decision.plus(List.of(otpRefusal)), null,
            claiming, true);
      }
      Instant sentAt = clock.instant();
      Boolean accepted = null;
      boolean answerLost = false;
      try {
        site.locks().open(lockId, p.key);
        accepted = Boolean.TRUE;
      } catch (SaltoOpenOutcomeUnknownException e) {
        answerLost = true;
        return finish(reservation, p, OpenOutcome.Status.UNKNOWN, p.decision, e.getMessage() + " Check the"
            + " door (or SALTO KS's entries of lock " + p.lockName + "); nothing is sent again for this"
            + " reservation within the duplicate window.", claiming.answered(sentAt, clock.instant()), true);
      } catch (SaltoOtpInvalidException | SaltoOtpSuspendedException | SaltoOtpBlockedException e) {
        boolean sent = !(e instanceof SaltoOtpSuspendedException); // suspended: refused here, unsent
        accepted = sent ? Boolean.FALSE : null;
        return finish(reservation, p, OpenOutcome.Status.FAILED, p.decision.plus(List.of(otpRefused(p))),
            e.getMessage(), claiming.answered(sent ? sentAt : null, clock.instant()), true);
      } catch (SaltoAccessorPinMissingException | SaltoPinNotSetException e) {
        // SALTO has no (set) IQ PIN for the service account: nothing opened, the key is not at fault
        return finish(reservation, p, OpenOutcome.Status.FAILED, p.decision.plus(List.of(new DenialReason(
            DenialReason.Code.IQ_NOT_ACTIVATED, "SALTO has no IQ PIN for the service account at the IQ of lock "
            + p.lockName, "Activate the IQ for the service account (IQ OTP setup: GET PIN, then activate keeping"
            + " the e-mailed PIN, manual 1.4).", null))), e.getMessage(), claiming.answered(sentAt, clock.instant()),
            true);
      } catch (SaltoKsException e) {
        locks.forget(lockId);
        return finish(reservation, p, OpenOutcome.Status.FAILED, p.decision.plus(List.of(new DenialReason(
            DenialReason.Code.SALTO_UNAVAILABLE, "SALTO could not open lock " + p.lockName,
            "See the detail; run the Test Access Request (manual 1.7).", null))), e.getMessage(),
            claiming.answered(sentAt, clock.instant()), true);
      } catch (RuntimeException e) {
        // not one of the SDK's own failures (a bug, a host's interceptor): the command may have gone out
        answerLost = true;
        LOG.warn("Opening lock {} failed unexpectedly; its outcome is treated as unknown: {}", lockId,
            e.getClass().getName());
        return finish(reservation, p, OpenOutcome.Status.UNKNOWN, p.decision, "an unexpected "
            + e.getClass().getSimpleName() + " ended the opening; the command may have reached SALTO, so"
            + " nothing is sent again for this reservation within the duplicate window. Check the door.",
            claiming.answered(sentAt, clock.instant()), true);
      } finally {
        otpAnswered(p, digest, accepted, answerLost);
      }
      if (!p.key.provenAtLock()) {
        storeProven(p.key);
      }
      String recordingFailure = record(reservation, now);
      OpenOutcome.Status status = recordingFailure == null
          ? OpenOutcome.Status.OPENED : OpenOutcome.Status.OPENED_RECORDING_FAILED;
      return finish(reservation, p, status, p.decision, recordingFailure,
          claiming.answered(sentAt, clock.instant()), true);
    } finally {
      if (inFlight.decrementAndGet() == 0 && closed) {
        releasePools(); // the last opening under way when the service closed
      }
    }
  }

  /** A second attempt while the first holds the claim: says truthfully what the first one did. */
  private OpenOutcome duplicate(Reservation r, Prepared p, AccessGuards.@Nullable Attempt earlier,
      AccessGuards.Attempt attempt) {
    OpenOutcome.Status was = earlier == null ? OpenOutcome.Status.IN_PROGRESS : earlier.status();
    Instant at = earlier == null ? attempt.startedAt()
        : earlier.sentAt() != null ? earlier.sentAt() : earlier.startedAt();
    OpenOutcome.Status status;
    String detail;
    if (was == OpenOutcome.Status.OPENED || was == OpenOutcome.Status.OPENED_RECORDING_FAILED) {
      status = OpenOutcome.Status.ALREADY_OPENED;
      detail = "the door was opened for this reservation at " + at + "; no second command was sent";
    } else if (was == OpenOutcome.Status.UNKNOWN) {
      status = OpenOutcome.Status.UNKNOWN;
      detail = "an opening sent at " + at + " got no answer, so the door may have opened; nothing was sent"
          + " again. Ask the guest or check the door (SALTO KS's entries of lock " + p.lockName + "); a new"
          + " attempt is possible after the duplicate window";
    } else {
      status = OpenOutcome.Status.IN_PROGRESS;
      detail = "another attempt for this reservation started at " + at + " and is being sent now; nothing"
          + " was sent. Its outcome follows in the journal";
    }
    return finish(r, p, status, p.decision, detail, attempt, false);
  }

  /** The claim, and the key's OTP turn when claimed. */
  private record Started(AccessGuards.Claim claim, AccessGuards.@Nullable OtpTurn turn) {}

  /**
   * Waits for this key's OTP turn, starting from the one the claim got; null when the OTP may go, else
   * the reason it may not.
   */
  private @Nullable DenialReason awaitOtpTurn(Prepared p, String digest, AccessGuards.OtpTurn first) {
    long deadline = System.nanoTime() + otpWait.toNanos();
    long pause = 10;
    AccessGuards.OtpTurn turn = first;
    while (true) {
      switch (turn) {
        case FIRST:
          p.firstOtp = true;
          return null;
        case GO:
          return null;
        case REFUSED:
          return otpRefused(p);
        default:
          break;
      }
      if (System.nanoTime() + pause * 1_000_000 > deadline) {
        return new DenialReason(DenialReason.Code.OTP_PENDING, "another opening is checking whether the key"
            + " of the IQ of lock " + p.lockName + " is still valid", "Try again in a moment; only one"
            + " one-time password at a time may test a key, so that a stale key is not blocked by SALTO.",
            null);
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new DenialReason(DenialReason.Code.OTP_PENDING, "interrupted while another opening checked"
            + " the IQ key", "Try again.", null);
      }
      pause = Math.min(100, pause * 2);
      try {
        turn = calls.call("the access guards", guards,
            () -> guards.otpTurn(site.site(), p.key.iqId(), digest, clock.instant(), OTP_LEASE));
      } catch (StoreCalls.Failed e) {
        return e.reason;
      }
    }
  }

  /**
   * A key changed with a delta opened a lock: stored as proven, so that every instance, and this one after a
   * restart, knows it. A store that fails leaves the mark as it was (the next opening tries again).
   */
  private void storeProven(IqKey key) {
    try {
      calls.call("the IQ key store", keys, () -> {
        keys.save(key.withProvenAtLock(true));
        return null;
      });
    } catch (StoreCalls.Failed e) {
      LOG.warn("IQ key of {} opened a lock, but could not be stored as proven: {}", key.iqId(), e.reason.message());
    }
  }

  /**
   * Tells the guards what SALTO said of a key's OTP. When the first OTP of a key not yet proven got no
   * answer (the refusal may have come after the read timeout), the turn is kept until its lease runs out:
   * releasing it would let the next waiter, on this or another instance, send another OTP of a key that may
   * be stale, and three wrong ones get the IQ blocked for about 20 minutes.
   */
  private void otpAnswered(Prepared p, String digest, @Nullable Boolean accepted, boolean answerLost) {
    if (!p.firstOtp && !Boolean.FALSE.equals(accepted)) {
      return; // nothing new: the key was known to be accepted, or this answer says nothing
    }
    if (p.firstOtp && accepted == null && answerLost) {
      return; // unknown is not accepted: the turn stays taken until its lease (OTP_LEASE) runs out
    }
    try {
      calls.call("the access guards", guards, () -> {
        guards.otpAnswered(site.site(), p.key.iqId(), digest, accepted);
        return null;
      });
    } catch (StoreCalls.Failed e) {
      LOG.warn("The answer to a one-time password could not be recorded in the access guards; its turn"
          + " expires after {}", OTP_LEASE);
    }
  }

  private static DenialReason otpRefused(Prepared p) {
    return new DenialReason(DenialReason.Code.OTP_REFUSED, "SALTO refused the one-time password for lock "
        + p.lockName + " (or one from the same IQ key before)",
        "Verify the IQ key (IqSetup.verify) or re-activate the IQ and store its new key (manual 1.4).", null);
  }

  /**
   * A claim (and OTP turn) that committed after its caller gave up waiting: released, as nothing was
   * sent.
   */
  private void releaseLate(Started late, AccessGuards.Attempt attempt, String iqId, String digest) {
    if (late.turn() == AccessGuards.OtpTurn.FIRST) {
      try {
        guards.otpAnswered(site.site(), iqId, digest, null);
      } catch (RuntimeException e) {
        LOG.warn("A late OTP turn could not be released; it expires after {}", OTP_LEASE);
      }
    }
    if (late.claim().result() == AccessGuards.Claim.Result.CLAIMED) {
      try {
        guards.settle(site.site(), new AccessGuards.Attempt(attempt.id(), attempt.reservationId(),
            attempt.objectId(), attempt.lockId(), OpenOutcome.Status.DENIED,
            List.of(DenialReason.Code.STORE_UNAVAILABLE), attempt.startedAt(), null, clock.instant()));
      } catch (RuntimeException e) {
        LOG.warn("A late claim could not be released; it expires after {}", IN_PROGRESS_LEASE);
      }
    }
  }

  /** A digest that names an IQ key in the guards without revealing it (the key itself is never stored). */
  private static String digest(IqKey key) {
    return Digests.sha256Hex(key.iqId(), key.secret(), key.pin());
  }

  /** When the guards report that links or IQ keys changed since the last open, drops cached ones. */
  private void seeStores(long generation) {
    long seen = linksSeen.getAndSet(generation);
    if (seen != generation && seen != Long.MIN_VALUE) {
      mappings.refresh();
      keys.refresh();
    }
  }

  /**
   * Looks once, now, at SALTO's entries for the reservation's last sent opening (the last attempt that got
   * a 200, or no answer), from just before its command was sent through the confirmation window. An
   * opening whose outcome was {@link OpenOutcome.Status#UNKNOWN} is settled by evidence only:
   * <ul>
   *   <li>as opened when the entries show the service account's remote opening of that lock: recorded
   *       (last-open field, and the status after opening exactly once, across instances);
   *   <li>as not opened ({@link DenialReason.Code#NOT_OPENED}) only when the site is known to log remote
   *       openings and the window passed without one: the claim is released, the guest may try again;
   *   <li>otherwise it stays unknown, for a person to decide.
   * </ul>
   * A confirmed opening teaches the guards that this site's entries show remote openings. Nothing here
   * sends a command, and "not seen yet" is never a reason to open. An opening that got a 200 is only
   * confirmed (or not), never changed.
   *
   * @param reservation the reservation (its recorder writes need it)
   * @return what the entries show and what was settled
   */
  public Settlement settle(Reservation reservation) {
    return settler.settle(Args.notNull("reservation", reservation));
  }

  /**
   * Like {@link #settle}, looked at again and again in the background with backoff (entries are stored up
   * to minutes late), until the entries decide or the window has passed. Call it right after an {@link
   * #open} that returned {@link OpenOutcome.Status#OPENED} or {@link OpenOutcome.Status#UNKNOWN}; the
   * open itself never waits for it.
   *
   * @param reservation the reservation
   * @return the settlement, when the entries decided or the window passed
   */
  public CompletableFuture<Settlement> confirm(Reservation reservation) {
    return settler.confirm(Args.notNull("reservation", reservation));
  }

  /**
   * What {@link #settle} found and did.
   *
   * @param confirmation what the entries show, or null when there was nothing to look for or they could
   *     not be read
   * @param status the attempt's status now (OPENED or OPENED_RECORDING_FAILED when settled as opened,
   *     FAILED when settled as not opened, UNKNOWN when it stays unknown), or null when there is no sent
   *     attempt
   * @param explanation what happened and what to do, for a person
   */
  public record Settlement(Entries.@Nullable Confirmation confirmation, OpenOutcome.@Nullable Status status,
      String explanation) {}

  /**
   * The journal of openings: every attempt, with its outcome and when it was sent and answered, as the
   * guards keep it (so with {@code JdbcStores.guards()}, every instance's attempts).
   *
   * @return the journal
   */
  public Journal journal() {
    return reservationId -> {
      String id = Args.text("reservationId", reservationId, 200);
      try {
        return calls.call("the openings journal", guards, () -> guards.journal(site.site(), id));
      } catch (StoreCalls.Failed e) {
        throw new StoreException(e.reason.message() + "; check the host's database", e.getCause());
      }
    };
  }

  /**
   * Switches the integration on or off for this service's site, on every instance that shares the
   * guards (i-Reserve's rollback: "set the integration inactive"). Off, every open is denied with
   * {@link DenialReason.Code#INTEGRATION_INACTIVE} and nothing is sent to SALTO.
   *
   * @param active false to stop opening doors
   */
  public void setIntegrationActive(boolean active) {
    guards.setActive(site.site(), active);
  }

  private static final DenialReason INACTIVE = new DenialReason(DenialReason.Code.INTEGRATION_INACTIVE,
      "the SALTO integration is switched off", "Switch it on again (setIntegrationActive(true)) when doors may"
      + " open; nothing was sent to SALTO.", null);

  /**
   * Why nothing may be sent to SALTO for this site now: the integration is switched off (the rollback), or
   * the guards that keep the switch do not answer (fail closed). Empty when it may.
   */
  Optional<DenialReason> mayNotSend() {
    try {
      AccessGuards.SiteState state = calls.call("the access guards", guards, () -> guards.state(site.site()));
      return state.active() ? Optional.empty() : Optional.of(INACTIVE);
    } catch (StoreCalls.Failed e) {
      return Optional.of(e.reason);
    }
  }

  /** The openings journal of a service's site. */
  @FunctionalInterface
  public interface Journal {
    /**
     * The attempts of a reservation, oldest first.
     *
     * @param reservationId the reservation
     * @return its attempts
     * @throws nl.ireserve.saltoks.exception.StoreException when the journal cannot be read
     */
    List<AccessGuards.Attempt> forReservation(String reservationId);
  }

  /** Everything decided before anything is sent. */
  private static final class Prepared {
    AccessDecision decision;
    @Nullable ObjectLockLink link;
    @Nullable String lockName;
    @Nullable IqKey key;
    boolean firstOtp;
  }

  /**
   * Everything before a claim, in order: the integration switch and the store generation (the guards),
   * the link, the lock and the IQ key. Nothing of it reaches SALTO while the integration is off.
   */
  private Prepared prepare(Reservation r, Instant now) {
    Args.notNull("reservation", r);
    Prepared p = new Prepared();
    List<DenialReason> more = new ArrayList<>();
    try {
      AccessGuards.SiteState state = calls.call("the access guards", guards, () -> guards.state(site.site()));
      if (!state.active()) {
        p.decision = policy.evaluate(r, now, zone).plus(List.of(INACTIVE));
        return p;
      }
      seeStores(state.storeGeneration());
      Optional<ObjectLockLink> hit = mappings instanceof CachedMappingStore
          ? ((CachedMappingStore) mappings).peek(r.objectId()) : null; // a cache hit needs no time limit
      p.link = (hit != null ? hit
          : calls.call("the mapping store", mappings, () -> mappings.findByObject(r.objectId()))).orElse(null);
    } catch (StoreCalls.Failed e) {
      p.decision = policy.evaluate(r, now, zone).plus(List.of(e.reason));
      return p;
    }
    if (p.link != null && !p.link.objectId().equals(r.objectId())) {
      // a store that maps two ids onto one row (a lossy character set) must never open the other's door
      more.add(new DenialReason(DenialReason.Code.STORE_UNAVAILABLE,
          "the mapping store answered with the link of another object when asked for object "
              + Args.echo(r.objectId()),
          "Check the mapping table's character set and the store implementation; nothing was opened.",
          null));
      p.link = null;
    } else if (p.link == null) {
      more.add(new DenialReason(DenialReason.Code.OBJECT_NOT_MAPPED,
          "object " + r.objectId() + " is not linked to a lock",
          "Link the object to its lock under Configuration → SALTO Mapping (manual 2.2); without"
              + " mapping, access will not work (manual 2.4).", null));
    } else {
      p.lockName = p.link.lockName();
      lockAndKey(p, more);
    }
    p.decision = policy.evaluate(r, now, zone).plus(more);
    return p;
  }

  private void lockAndKey(Prepared p, List<DenialReason> more) {
    Lock lock;
    try {
      lock = locks.get(p.link.lockId());
    } catch (SaltoNotFoundException e) {
      more.add(new DenialReason(DenialReason.Code.OBJECT_NOT_MAPPED,
          "the object's lock " + p.link.lockName() + " no longer exists in site " + site.site().name(),
          "Link the object to its current lock (manual problem 4).", null));
      return;
    } catch (SaltoKsException e) {
      more.add(new DenialReason(DenialReason.Code.SALTO_UNAVAILABLE,
          "the state of lock " + p.link.lockName() + " could not be read from SALTO",
          "Check the internet connection and run the Test Access Request (manual 1.7).", null));
      return;
    }
    p.lockName = lock.name();
    if (lock.iq() == null) {
      more.add(new DenialReason(DenialReason.Code.LOCK_OFFLINE, "lock " + lock.name() + " has no IQ",
          "Link the lock to an IQ in SALTO KS (prerequisites).", null));
      return;
    }
    if (!lock.online() || !lock.iq().online()) {
      more.add(new DenialReason(DenialReason.Code.LOCK_OFFLINE,
          (lock.online() ? "IQ " + lock.iq().name() : "lock " + lock.name()) + " is offline",
          "Check power and the internet connection on site (manual problem 1, point 5).", null));
    }
    Optional<IqKey> key;
    try {
      String iqId = lock.iq().id();
      Optional<IqKey> hit = keys instanceof CachedIqKeyStore ? ((CachedIqKeyStore) keys).peek(iqId) : null;
      key = hit != null ? hit : calls.call("the IQ key store", keys, () -> keys.find(iqId));
    } catch (StoreCalls.Failed e) {
      more.add(e.reason);
      return;
    }
    if (key.isEmpty()) {
      more.add(new DenialReason(DenialReason.Code.IQ_NOT_ACTIVATED,
          "no IQ key is stored for IQ " + lock.iq().name() + " of lock " + lock.name(),
          "Run IQ OTP setup for " + lock.iq().name() + " and store its key (manual 1.4).", null));
    } else {
      p.key = key.get();
    }
  }

  private @Nullable String record(Reservation r, Instant openedAt) {
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
    return calls.call("the access guards", guards, () -> guards.firstCheckIn(site.site(), r.id()), first -> {
      if (Boolean.TRUE.equals(first)) {
        try {
          recorder.setStatus(r, status);
        } catch (RuntimeException e) {
          LOG.warn("The late check-in of reservation {} could not be recorded: {}", r.id(), e.toString());
        }
      }
    });
  }

  /**
   * The one end of every attempt: journals it (settling its claim when it holds one), tells every
   * listener, and returns the outcome.
   */
  private OpenOutcome finish(Reservation r, Prepared p, OpenOutcome.Status status, AccessDecision decision,
      @Nullable String detail, AccessGuards.Attempt attempt, boolean claimed) {
    String lockId = p.link == null ? null : p.link.lockId();
    OpenOutcome outcome = new OpenOutcome(status, decision, lockId, p.lockName, detail);
    AccessGuards.Attempt done = new AccessGuards.Attempt(attempt.id(), r.id(), r.objectId(), lockId, status,
        decision.codes(), attempt.startedAt(), attempt.sentAt(),
        attempt.answeredAt() != null ? attempt.answeredAt() : clock.instant());
    try {
      calls.call("the openings journal", guards, () -> {
        if (claimed) {
          guards.settle(site.site(), done);
        } else {
          guards.record(site.site(), done);
        }
        return null;
      });
    } catch (StoreCalls.Failed e) {
      LOG.warn("An attempt for reservation {} could not be journaled: {}{}", r.id(), e.reason.message(),
          claimed ? "; its claim expires by itself" : "");
    }
    emit(new AccessEvent(status, r.id(), r.objectId(), lockId, p.lockName, attempt.startedAt(),
        decision.reasons()));
    if (LOG.isDebugEnabled()) {
      LOG.debug("Reservation {} object {} lock {}: {} {}", r.id(), r.objectId(), lockId, status,
          decision.codes());
    }
    return outcome;
  }

  private void emit(AccessEvent event) {
    for (Consumer<AccessEvent> l : listeners) {
      try {
        l.accept(event);
      } catch (RuntimeException e) {
        LOG.warn("An access listener failed for reservation {}: {}", event.reservationId(), e.toString());
      }
    }
  }

  /** Builds an {@link AccessService}. */
  public static final class Builder {
    private @Nullable SiteClient site;
    private @Nullable AccessPolicy policy;
    private @Nullable MappingStore mappings;
    private @Nullable IqKeyStore keys;
    private @Nullable ReservationRecorder recorder;
    private final List<Consumer<AccessEvent>> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Duration duplicateWindow = Duration.ofSeconds(10);
    private int maxOpensPerLockPerMinute = 15;
    private Duration lockInfoTtl = Duration.ofSeconds(30);
    private AccessGuards guards = AccessGuards.inMemory();
    private Duration storeTimeout = Duration.ofSeconds(2);
    private Duration confirmationWindow = Duration.ofMinutes(3);
    private Duration firstLook = Duration.ofSeconds(5);
    private Duration maxLookPause = Duration.ofSeconds(30);
    private @Nullable Executor storeExecutor;
    private @Nullable ScheduledExecutorService scheduler;

    private Builder() {}

    /**
     * How long after a command its entry may appear: {@link #settle} and {@link #confirm} look from just
     * before the command to this long after it. Default 3 minutes (measured lags: 1 to 79 s, in batches).
     *
     * @param window 120 s to 1 hour
     * @return this builder
     */
    public Builder confirmationWindow(Duration window) {
      Args.positive("confirmationWindow", window);
      if (window.compareTo(Duration.ofSeconds(120)) < 0 || window.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("confirmationWindow must be 120 s to 1 hour (entries were"
            + " measured up to 79 s late), got " + window);
      }
      this.confirmationWindow = window;
      return this;
    }

    /**
     * When {@link #confirm} looks: first after {@code first}, then twice as long each time up to {@code
     * max}, until the window has passed. Default 5 s, then up to 30 s.
     *
     * @param first the pause before the first look
     * @param max the longest pause between looks
     * @return this builder
     */
    public Builder confirmationLooks(Duration first, Duration max) {
      Args.positive("first", first);
      Args.positive("max", max);
      if (max.compareTo(first) < 0) {
        throw new IllegalArgumentException("max must be at least first, got first " + first + ", max " + max);
      }
      this.firstLook = first;
      this.maxLookPause = max;
      return this;
    }

    /**
     * The site's client, {@code client.site(client.sites().retrieve(uid))}. Required.
     *
     * @param site the site's client
     * @return this builder
     */
    public Builder site(SiteClient site) {
      this.site = Args.notNull("site", site);
      return this;
    }

    /**
     * The policy. Required.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder policy(AccessPolicy policy) {
      this.policy = Args.notNull("policy", policy);
      return this;
    }

    /**
     * Where object → lock links live. Required; wrap a database store in {@code MappingStore.cached(store, ttl)}.
     *
     * @param mappings the store
     * @return this builder
     */
    public Builder mappings(MappingStore mappings) {
      this.mappings = Args.notNull("mappings", mappings);
      return this;
    }

    /**
     * Where IQ keys live. Required.
     *
     * @param keys the store
     * @return this builder
     */
    public Builder keys(IqKeyStore keys) {
      this.keys = Args.notNull("keys", keys);
      return this;
    }

    /**
     * The host's recorder of openings. Required when the policy sets a last-open field or a status
     * after opening ({@link #build} refuses otherwise); without those settings nothing is recorded.
     *
     * @param recorder the recorder
     * @return this builder
     */
    public Builder recorder(ReservationRecorder recorder) {
      this.recorder = Args.notNull("recorder", recorder);
      return this;
    }

    /**
     * Adds a listener that receives an {@link AccessEvent} for every open attempt, granted or not,
     * failures of the SDK's own stores included. Called on the opening thread after the outcome is
     * settled; an exception from it is logged and does not change the outcome.
     *
     * @param listener the listener, such as {@code auditTrail::add}
     * @return this builder
     */
    public Builder listener(Consumer<AccessEvent> listener) {
      listeners.add(Args.notNull("listener", listener));
      return this;
    }

    /**
     * The clock. Default system UTC.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Args.notNull("clock", clock);
      return this;
    }

    /**
     * How long a second open for the same reservation and lock sends nothing. Default 10 s.
     *
     * @param window positive duration, at most 1 hour
     * @return this builder
     */
    public Builder duplicateWindow(Duration window) {
      Args.positive("duplicateWindow", window);
      if (window.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("duplicateWindow must be at most 1 hour, got " + window);
      }
      this.duplicateWindow = window;
      return this;
    }

    /**
     * Most openings per lock in any minute, refused locally beyond it: a guard against a flood of taps on
     * one door (a stuck button, a runaway script), not a SALTO limit (none was ever observed). Default
     * 15; a very high value (up to 1,000,000) effectively turns the throttle off, as benchmarks do.
     *
     * @param max 1 to 1,000,000
     * @return this builder
     */
    public Builder maxOpensPerLockPerMinute(int max) {
      if (max < 1 || max > 1_000_000) {
        throw new IllegalArgumentException("maxOpensPerLockPerMinute must be 1..1000000, got " + max);
      }
      this.maxOpensPerLockPerMinute = max;
      return this;
    }

    /**
     * How long a lock's state (online, IQ) read from SALTO is reused. Default 30 s.
     *
     * @param ttl positive duration
     * @return this builder
     */
    public Builder lockInfoTtl(Duration ttl) {
      this.lockInfoTtl = Args.positive("lockInfoTtl", ttl);
      return this;
    }

    /**
     * Where the guards that must hold across host instances live: the integration switch, the opening
     * claim and duplicate window, the throttle, the check-in, the OTP single flight, and the journal.
     * Default {@link AccessGuards#inMemory()}, right for one instance; several instances on one database
     * share {@code JdbcStores.guards()} (README "Running several instances").
     *
     * @param guards the guards
     * @return this builder
     */
    public Builder guards(AccessGuards guards) {
      this.guards = Args.notNull("guards", guards);
      return this;
    }

    /**
     * The time limit of each call to the host's stores (links, IQ keys, guards) on the door-open path.
     * After it the open fails closed with {@link DenialReason.Code#STORE_UNAVAILABLE}. Stores in memory
     * are called directly. Default 2 s.
     *
     * @param timeout 1 ms to 60 s
     * @return this builder
     */
    public Builder storeTimeout(Duration timeout) {
      Args.positive("storeTimeout", timeout);
      if (timeout.compareTo(Duration.ofSeconds(60)) > 0) {
        throw new IllegalArgumentException("storeTimeout must be at most 60 s, got " + timeout);
      }
      this.storeTimeout = timeout;
      return this;
    }

    /**
     * The executor the calls to stores outside this process run on, so that the door-open path can stop
     * waiting after {@link #storeTimeout} (a call that hangs keeps its thread until the store answers). The
     * host owns it: the service never shuts it down. It should start a call at once or refuse it (a
     * queue would make calls wait past the limit; a refused call denies that opening). Default: the SDK's
     * shared pool of at most 512 daemon threads, idle threads ending after 30 s, shut down when the last
     * service using it closes. Each service also bounds its own calls in flight (64).
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder storeExecutor(Executor executor) {
      this.storeExecutor = Args.notNull("storeExecutor", executor);
      return this;
    }

    /**
     * The scheduler of the later looks at the entries that {@link AccessService#confirm} makes (one short
     * read each). The host owns it: the service never shuts it down, and {@link AccessService#close()} ends
     * only its own looks. Default: the SDK's shared scheduler of 2 daemon threads, shut down when the last
     * service using it closes.
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Args.notNull("scheduler", scheduler);
      return this;
    }

    /**
     * Builds the service.
     *
     * @return the service
     * @throws IllegalArgumentException when a required part is missing, or the site belongs to another
     *     environment than the client
     */
    public AccessService build() {
      return new AccessService(this);
    }
  }
}
