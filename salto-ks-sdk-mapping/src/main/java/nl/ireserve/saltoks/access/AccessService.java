package nl.ireserve.saltoks.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import nl.ireserve.saltoks.Lock;
import nl.ireserve.saltoks.SaltoKsException;
import nl.ireserve.saltoks.SaltoNotFoundException;
import nl.ireserve.saltoks.SaltoOpenOutcomeUnknownException;
import nl.ireserve.saltoks.SaltoOtpBlockedException;
import nl.ireserve.saltoks.SaltoOtpInvalidException;
import nl.ireserve.saltoks.SaltoOtpSuspendedException;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.mapping.internal.Args;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.mapping.ObjectLockLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the right door for a reservation, or says why not (README "The path of one open"):
 * policy → mapping → lock and IQ → IQ key → one-time password and remote open → the host's recorder →
 * listeners.
 *
 * <p>It fails closed: when anything is missing or not allowed, nothing is sent to SALTO, and the
 * outcome lists every reason. A second {@link #open} for the same reservation and lock within the
 * duplicate window sends nothing ({@link OpenOutcome.Status#ALREADY_OPENED}); the status after opening
 * is set on the first opening only; a per-lock throttle refuses floods locally. These guards are
 * per process: several host instances behind a load balancer should route a reservation to one
 * instance, or share the claim through their database.
 *
 * <p>Thread-safe; build one per site and share it.
 */
public final class AccessService {
  private static final Logger LOG = LoggerFactory.getLogger(AccessService.class);

  private final SiteClient site;
  private final AccessPolicy policy;
  private final MappingStore mappings;
  private final IqKeyStore keys;
  private final ReservationRecorder recorder;
  private final List<Consumer<AccessEvent>> listeners;
  private final Clock clock;
  private final ZoneId zone;
  private final DuplicateGuard duplicates;
  private final LockThrottle throttle;
  private final LockDirectory locks;

  private AccessService(Builder b) {
    this.site = required("site", b.site, "site(client.site(site))");
    this.policy = required("policy", b.policy, "policy(AccessPolicy.builder()…build())");
    this.mappings = required("mappings", b.mappings, "mappings(store)");
    this.keys = required("keys", b.keys, "keys(store)");
    this.recorder = recorder(policy, b.recorder);
    this.listeners = new CopyOnWriteArrayList<>(b.listeners);
    this.clock = b.clock;
    this.zone = site.site().zone().orElse(ZoneOffset.UTC);
    this.duplicates = new DuplicateGuard(b.duplicateWindow, clock);
    this.throttle = new LockThrottle(b.maxOpensPerLockPerMinute);
    this.locks = new LockDirectory(site.locks(), b.lockInfoTtl, clock);
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
   * Decides whether the reservation may open its door now, with every reason — policy, mapping, IQ
   * key, lock state — without opening anything.
   *
   * @param reservation the reservation
   * @return the decision
   */
  public AccessDecision check(Reservation reservation) {
    return prepare(reservation, clock.instant()).decision;
  }

  /**
   * Opens the reservation's door if it may open now.
   *
   * @param reservation the reservation, with its current status
   * @return what happened; never throws for a refusal or a SALTO failure
   */
  public OpenOutcome open(Reservation reservation) {
    Instant now = clock.instant();
    Prepared p = prepare(reservation, now);
    if (!p.decision.granted()) {
      return finish(reservation, p, OpenOutcome.Status.DENIED, p.decision, null, now);
    }
    String lockId = p.link.lockId();
    if (!duplicates.claim(reservation.id(), lockId, now)) {
      return finish(reservation, p, OpenOutcome.Status.ALREADY_OPENED, p.decision,
          "opened moments ago for this reservation; no second command was sent", now);
    }
    if (!throttle.tryAcquire(lockId, now.toEpochMilli())) {
      duplicates.release(reservation.id(), lockId);
      return finish(reservation, p, OpenOutcome.Status.DENIED, p.decision.plus(List.of(new DenialReason(
          DenialReason.Code.THROTTLED, "lock " + p.lockName + " was opened too often in the last minute",
          "Wait a minute; a flood of openings of one door is refused locally.",
          null))), null, now);
    }
    try {
      site.locks().open(lockId, p.key);
    } catch (SaltoOpenOutcomeUnknownException e) {
      return finish(reservation, p, OpenOutcome.Status.UNKNOWN, p.decision, e.getMessage(), now);
    } catch (SaltoOtpInvalidException | SaltoOtpSuspendedException | SaltoOtpBlockedException e) {
      duplicates.release(reservation.id(), lockId);
      return finish(reservation, p, OpenOutcome.Status.FAILED, p.decision.plus(List.of(new DenialReason(
          DenialReason.Code.OTP_REFUSED, "SALTO refused the one-time password for lock " + p.lockName,
          "Verify the IQ key (IqSetup.verify) or re-activate the IQ (manual 1.4).", null))),
          e.getMessage(), now);
    } catch (SaltoKsException e) {
      duplicates.release(reservation.id(), lockId);
      locks.forget(lockId);
      return finish(reservation, p, OpenOutcome.Status.FAILED, p.decision.plus(List.of(new DenialReason(
          DenialReason.Code.SALTO_UNAVAILABLE, "SALTO could not open lock " + p.lockName,
          "See the detail; run the Test Access Request (manual 1.7).", null))), e.getMessage(), now);
    }
    String recordingFailure = record(reservation, now);
    return finish(reservation, p,
        recordingFailure == null ? OpenOutcome.Status.OPENED : OpenOutcome.Status.OPENED_RECORDING_FAILED,
        p.decision, recordingFailure, now);
  }

  /** Everything decided before anything is sent. */
  private static final class Prepared {
    AccessDecision decision;
    @Nullable ObjectLockLink link;
    @Nullable String lockName;
    @Nullable IqKey key;
  }

  private Prepared prepare(Reservation r, Instant now) {
    Args.notNull("reservation", r);
    Prepared p = new Prepared();
    List<DenialReason> more = new ArrayList<>();
    try {
      p.link = mappings.findByObject(r.objectId()).orElse(null);
    } catch (RuntimeException e) {
      more.add(storeFailed("the mapping store", e));
      p.decision = policy.evaluate(r, now, zone).plus(more);
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
      key = keys.find(lock.iq().id());
    } catch (RuntimeException e) {
      more.add(storeFailed("the IQ key store", e));
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

  private static DenialReason storeFailed(String which, RuntimeException e) {
    LOG.warn("{} failed while an opening was prepared; the door stays closed: {}", which,
        e.getClass().getSimpleName());
    return new DenialReason(DenialReason.Code.STORE_UNAVAILABLE,
        which + " could not be read (" + e.getClass().getSimpleName() + ")",
        "Check the host's database; nothing was sent to SALTO. Try again when it is back.", null);
  }

  private @Nullable String record(Reservation r, Instant openedAt) {
    try {
      Optional<String> field = policy.lastOpenField();
      if (field.isPresent()) {
        recorder.recordLastOpen(r, field.get(), openedAt);
      }
      Optional<String> after = policy.statusAfterOpening();
      if (after.isPresent() && !after.get().equals(r.status()) && duplicates.firstCheckIn(r.id())) {
        recorder.setStatus(r, after.get());
      }
      return null;
    } catch (RuntimeException e) {
      LOG.warn("The door of reservation {} opened, but recording it failed: {}", r.id(), e.toString());
      return "the door opened, but the reservation recorder failed: " + e;
    }
  }

  private OpenOutcome finish(Reservation r, Prepared p, OpenOutcome.Status status, AccessDecision decision,
      @Nullable String detail, Instant at) {
    String lockId = p.link == null ? null : p.link.lockId();
    OpenOutcome outcome = new OpenOutcome(status, decision, lockId, p.lockName, detail);
    AccessEvent event = new AccessEvent(status, r.id(), r.objectId(), lockId, p.lockName, at, decision.reasons());
    for (Consumer<AccessEvent> l : listeners) {
      try {
        l.accept(event);
      } catch (RuntimeException e) {
        LOG.warn("An access listener failed for reservation {}: {}", r.id(), e.toString());
      }
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("Reservation {} object {} lock {}: {} {}", r.id(), r.objectId(), p.lockName, status,
          decision.codes());
    }
    return outcome;
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

    private Builder() {}

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
