package nl.ireserve.saltoks.access;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import nl.ireserve.saltoks.Lock;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.exception.SaltoKsException;
import nl.ireserve.saltoks.exception.SaltoNotFoundException;
import nl.ireserve.saltoks.exception.StoreException;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.mapping.ObjectLockLink;
import nl.ireserve.saltoks.mapping.internal.Args;
import nl.ireserve.saltoks.mapping.internal.CachedIqKeyStore;
import nl.ireserve.saltoks.mapping.internal.CachedMappingStore;
import org.jspecify.annotations.Nullable;

/**
 * The first stage of the door opening, and all of {@link AccessService#check}: everything before a claim, in
 * order — the integration switch and the store generation (the guards), the link, the lock and the IQ key,
 * and the policy — into a {@link Prepared}. Nothing of it reaches SALTO while the integration is off.
 */
final class Readiness implements SiteRules {
  static final DenialReason INACTIVE = new DenialReason(DenialReason.Code.INTEGRATION_INACTIVE,
      "the SALTO integration is switched off", "Switch it on again (setIntegrationActive(true)) when doors may"
      + " open; nothing was sent to SALTO.", null);

  private final SiteClient site;
  /** The site every store call is bound to. */
  private final Site bound;
  private final AccessPolicy policy;
  private final MappingStore mappings;
  private final IqKeyStore keys;
  private final AccessGuards guards;
  private final StoreCalls calls;
  private final LockDirectory locks;
  private final Clock clock;
  private final ZoneId zone;
  private final AtomicLong linksSeen = new AtomicLong(Long.MIN_VALUE);
  private volatile boolean closed;

  Readiness(SiteClient site, AccessPolicy policy, MappingStore mappings, IqKeyStore keys, AccessGuards guards,
      StoreCalls calls, LockDirectory locks, Clock clock, ZoneId zone) {
    this.site = site;
    this.bound = site.site();
    this.policy = policy;
    this.mappings = mappings;
    this.keys = keys;
    this.guards = guards;
    this.calls = calls;
    this.locks = locks;
    this.clock = clock;
    this.zone = zone;
  }

  /** From now on {@link #check} refuses: the service closed. */
  void close() {
    closed = true;
  }

  @Override
  public AccessDecision check(Reservation reservation) {
    if (closed) {
      throw new IllegalStateException("this AccessService is closed; build a new one");
    }
    return prepare(reservation, clock.instant()).decision();
  }

  /**
   * Everything decided before anything is sent, at {@code now}.
   *
   * @param r the reservation
   * @param now the instant the policy is evaluated at
   * @return the decision and what was found
   */
  Prepared prepare(Reservation r, Instant now) {
    Args.notNull("reservation", r);
    ObjectLockLink link;
    try {
      AccessGuards.SiteState state = calls.call("the access guards", guards, () -> guards.state(bound));
      if (!state.active()) {
        return new Prepared(policy.evaluate(r, now, zone).plus(List.of(INACTIVE)), null, null, null);
      }
      seeStores(state.storeGeneration());
      Optional<ObjectLockLink> hit = mappings instanceof CachedMappingStore
          ? ((CachedMappingStore) mappings).peek(r.objectId()) : null; // a cache hit needs no time limit
      link = (hit != null ? hit
          : calls.call("the mapping store", mappings, () -> mappings.findByObject(r.objectId()))).orElse(null);
    } catch (StoreCalls.Failed e) {
      return new Prepared(policy.evaluate(r, now, zone).plus(List.of(e.reason)), null, null, null);
    }
    List<DenialReason> more = new ArrayList<>();
    if (link != null && !link.objectId().equals(r.objectId())) {
      // a store that maps two ids onto one row (a lossy character set) must never open the other's door
      more.add(new DenialReason(DenialReason.Code.STORE_UNAVAILABLE,
          "the mapping store answered with the link of another object when asked for object "
              + Args.echo(r.objectId()),
          "Check the mapping table's character set and the store implementation; nothing was opened.",
          null));
      return new Prepared(policy.evaluate(r, now, zone).plus(more), null, null, null);
    }
    if (link == null) {
      more.add(new DenialReason(DenialReason.Code.OBJECT_NOT_MAPPED,
          "object " + r.objectId() + " is not linked to a lock",
          "Link the object to its lock under Configuration → SALTO Mapping (manual 2.2); without"
              + " mapping, access will not work (manual 2.4).", null));
      return new Prepared(policy.evaluate(r, now, zone).plus(more), null, null, null);
    }
    LockAndKey found = lockAndKey(link, more);
    return new Prepared(policy.evaluate(r, now, zone).plus(more), link, found.lockName(), found.key());
  }

  /** The lock's name as SALTO has it (the link's when SALTO could not be read), and the IQ key. */
  private record LockAndKey(String lockName, @Nullable IqKey key) {}

  private LockAndKey lockAndKey(ObjectLockLink link, List<DenialReason> more) {
    Lock lock;
    try {
      lock = locks.get(link.lockId());
    } catch (SaltoNotFoundException e) {
      more.add(new DenialReason(DenialReason.Code.OBJECT_NOT_MAPPED,
          "the object's lock " + link.lockName() + " no longer exists in site " + bound.name(),
          "Link the object to its current lock (manual problem 4).", null));
      return new LockAndKey(link.lockName(), null);
    } catch (SaltoKsException e) {
      more.add(new DenialReason(DenialReason.Code.SALTO_UNAVAILABLE,
          "the state of lock " + link.lockName() + " could not be read from SALTO",
          "Check the internet connection and run the Test Access Request (manual 1.7).", null));
      return new LockAndKey(link.lockName(), null);
    }
    if (lock.iq() == null) {
      more.add(new DenialReason(DenialReason.Code.LOCK_OFFLINE, "lock " + lock.name() + " has no IQ",
          "Link the lock to an IQ in SALTO KS (prerequisites).", null));
      return new LockAndKey(lock.name(), null);
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
      return new LockAndKey(lock.name(), null);
    }
    if (key.isEmpty()) {
      more.add(new DenialReason(DenialReason.Code.IQ_NOT_ACTIVATED,
          "no IQ key is stored for IQ " + lock.iq().name() + " of lock " + lock.name(),
          "Run IQ OTP setup for " + lock.iq().name() + " and store its key (manual 1.4).", null));
    }
    return new LockAndKey(lock.name(), key.orElse(null));
  }

  /** When the guards report that links or IQ keys changed since the last open, drops cached ones. */
  private void seeStores(long generation) {
    long seen = linksSeen.getAndSet(generation);
    if (seen != generation && seen != Long.MIN_VALUE) {
      mappings.refresh();
      keys.refresh();
    }
  }

  @Override
  public Optional<DenialReason> mayNotSend() {
    try {
      AccessGuards.SiteState state = calls.call("the access guards", guards, () -> guards.state(bound));
      return state.active() ? Optional.empty() : Optional.of(INACTIVE);
    } catch (StoreCalls.Failed e) {
      return Optional.of(e.reason);
    }
  }

  @Override
  public Optional<ObjectLockLink> link(String objectId) {
    try {
      return calls.call("the mapping store", mappings, () -> mappings.findByObject(objectId));
    } catch (StoreCalls.Failed e) {
      throw new StoreException(e.reason.message() + "; check the host's database", e.getCause());
    }
  }

  @Override
  public Lock lock(String lockId) {
    return locks.get(lockId);
  }

  @Override
  public AccessPolicy policy() {
    return policy;
  }

  @Override
  public SiteClient site() {
    return site;
  }

  @Override
  public ZoneId zone() {
    return zone;
  }

  @Override
  public Clock clock() {
    return clock;
  }
}
