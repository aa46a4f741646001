package nl.ireserve.saltoks.mapping;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import nl.ireserve.saltoks.Lock;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.diagnostics.Finding;
import nl.ireserve.saltoks.diagnostics.Report;
import nl.ireserve.saltoks.mapping.internal.Args;

/**
 * The "Configuration → SALTO Mapping" screen as code (manual section 2): list the site's locks, link
 * an object to one of them — checked against the site's live lock list, so an unknown or foreign lock
 * id is refused — and audit the mapping for the "wrong door opens" risks.
 *
 * <pre>{@code
 * MappingService mapping = MappingService.create(client, site, store);
 * mapping.availableLocks();                                   // "GET locks"
 * mapping.link("room-101", "Room 101", lockAlphaId);          // Room 101 → Lock Alpha
 * MappingAudit audit = mapping.audit(List.of("room-101", "room-102"));
 * }</pre>
 *
 * <p>Thread-safe when the store is.
 */
public final class MappingService {
  /** Audit check: an object is linked to a lock the site no longer has. */
  public static final String LOCK_MISSING = "Lock missing";
  /** Audit check: several objects share one lock (the wrong-door risk). */
  public static final String LOCK_SHARED = "Lock shared";
  /** Audit check: SALTO calls the linked lock by another name now. */
  public static final String LOCK_RENAMED = "Lock renamed";
  /** Audit check: the linked lock's health (battery, privacy mode, pending state, IQ link, keypad). */
  public static final String LOCK_HEALTH = "Lock health";
  /** Audit check: a bookable object has no lock. */
  public static final String OBJECT_UNMAPPED = "Object unmapped";

  private final SiteClient siteClient;
  private final Site site;
  private final MappingStore store;
  private final Clock clock;

  private MappingService(SiteClient siteClient, MappingStore store, Clock clock) {
    this.siteClient = siteClient;
    this.site = siteClient.site();
    this.store = store;
    this.clock = clock;
  }

  /**
   * A mapping service for one site.
   *
   * @param site the site's client, {@code client.site(client.sites().retrieve(uid))}
   * @param store where links live; a store scoped to another site is refused
   * @return the service
   * @throws IllegalArgumentException when the store is another site's
   */
  public static MappingService create(SiteClient site, MappingStore store) {
    return create(site, store, Clock.systemUTC());
  }

  /**
   * Like {@link #create(SiteClient, MappingStore)} with a clock for link times.
   *
   * @param site the site's client
   * @param store the store
   * @param clock the clock
   * @return the service
   */
  public static MappingService create(SiteClient site, MappingStore store, Clock clock) {
    Args.notNull("site", site);
    Args.notNull("store", store);
    Args.sameSite("store", store.site(), site.site()); // a relink must never write another customer's rows
    return new MappingService(site, store, Args.notNull("clock", clock));
  }

  /** The site's locks, read live from SALTO, sorted by name (manual 2.2, step 2). */
  public List<Lock> availableLocks() {
    return siteClient.locks().list().stream()
        .sorted(Comparator.comparing(Lock::name))
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * Links an object that has no lock yet to a lock of this site.
   *
   * @param objectId the host's object id
   * @param objectName the object's name, such as "Room 101"
   * @param lockId the lock's UUID, one of {@link #availableLocks()}
   * @return the stored link
   * @throws IllegalArgumentException when the lock is not a lock of this site
   * @throws LinkConflictException when the object already has another lock
   */
  public ObjectLockLink link(String objectId, String objectName, String lockId) {
    return store.link(validated(objectId, objectName, lockId));
  }

  /**
   * Moves an object to another lock of this site, on purpose.
   *
   * @param objectId the host's object id
   * @param objectName the object's name
   * @param lockId the new lock's UUID
   * @return the stored link
   */
  public ObjectLockLink relink(String objectId, String objectName, String lockId) {
    return store.relink(validated(objectId, objectName, lockId));
  }

  /**
   * Removes an object's link.
   *
   * @param objectId the object
   * @return whether a link was removed
   */
  public boolean unlink(String objectId) {
    return store.unlink(objectId);
  }

  /**
   * The link of an object.
   *
   * @param objectId the object
   * @return its link, if any
   */
  public Optional<ObjectLockLink> lockOf(String objectId) {
    return store.findByObject(objectId);
  }

  private ObjectLockLink validated(String objectId, String objectName, String lockId) {
    Args.text("objectId", objectId, 200);
    Args.name("objectName", objectName, 200);
    String id = Args.uuid("lockId", lockId);
    Lock lock = siteClient.locks().list().stream().filter(l -> l.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("lockId " + id + " is not a lock of site "
            + site.name() + " (" + site.siteUid() + ") in " + site.environment()
            + "; choose one from availableLocks() (manual 2.2, step 2)"));
    return new ObjectLockLink(objectId, objectName, lock.id(), lock.name(), clock.instant());
  }

  /**
   * Audits the mapping against the site's live locks: links to locks that no longer exist, locks
   * shared by several objects ("wrong door" risk), locks renamed since linking, and — among {@code
   * objectIds} — objects with no link.
   *
   * @param objectIds the objects to check for a missing link (for example every bookable object)
   * @return the findings
   */
  public Report audit(Collection<String> objectIds) {
    Args.notNull("objectIds", objectIds);
    Map<String, Lock> live = new LinkedHashMap<>();
    siteClient.locks().list().forEach(l -> live.put(l.id(), l));
    List<ObjectLockLink> links = store.all();
    List<Finding> out = new ArrayList<>();
    Map<String, List<ObjectLockLink>> byLock = links.stream()
        .collect(Collectors.groupingBy(ObjectLockLink::lockId, LinkedHashMap::new, Collectors.toList()));
    for (ObjectLockLink l : links) {
      Lock lock = live.get(l.lockId());
      if (lock == null) {
        out.add(Finding.of(LOCK_MISSING, Finding.Status.FAIL, l.objectName() + " is linked to lock "
                + l.lockName() + ", which site " + site.name() + " no longer has",
            "Link " + l.objectName() + " to its current lock.", "problem 4").about(l.objectId()));
        continue;
      }
      List<ObjectLockLink> sharing = byLock.get(l.lockId());
      if (sharing.size() > 1) {
        String others = sharing.stream().filter(o -> !o.objectId().equals(l.objectId()))
            .map(ObjectLockLink::objectName).collect(Collectors.joining(", "));
        out.add(Finding.of(LOCK_SHARED, Finding.Status.FAIL, l.objectName() + " shares lock " + lock.name()
                + " with " + others + ": a guest of one opens the other's door",
            "Check that the correct physical lock is selected for each object.", "2.3, problem 4")
            .about(l.objectId()));
      }
      health(l, lock).ifPresent(out::add);
      if (!lock.name().equals(l.lockName())) {
        out.add(Finding.of(LOCK_RENAMED, Finding.Status.WARN, l.objectName() + " was linked to \""
                + l.lockName() + "\", which SALTO now calls \"" + lock.name() + "\"",
            "Check that " + lock.name() + " is still the right door for " + l.objectName()
                + ", then relink to confirm.", "2.3").about(l.objectId()));
      }
    }
    for (String objectId : objectIds) {
      if (links.stream().noneMatch(l -> l.objectId().equals(objectId))) {
        out.add(Finding.of(OBJECT_UNMAPPED, Finding.Status.FAIL, "object " + objectId + " has no lock",
            "Link it to its lock: without mapping, access will not work.", "2.4").about(objectId));
      }
    }
    out.sort(Comparator.comparing(Finding::subject).thenComparing(Finding::check));
    return new Report("Mapping audit (manual 2)", out);
  }

  /**
   * What a linked lock last reported about its health when it needs attention (battery, privacy mode, a
   * pending state, the IQ link, alarms); none when it does not. Being offline right now is not a mapping
   * fault: the Test Access Request and {@link #availableLocks()} show it.
   */
  private static Optional<Finding> health(ObjectLockLink l, Lock lock) {
    List<String> problems = lock.healthProblems();
    if (problems.isEmpty()) {
      return Optional.empty();
    }
    boolean blocking = lock.health().privacyMode() || lock.health().battery() == Lock.Battery.CRITICAL
        || lock.health().iqLink() == Lock.IqLink.DETACHED || lock.health().iqLink() == Lock.IqLink.DETACHED_PENDING;
    return Optional.of(Finding.of(LOCK_HEALTH, blocking ? Finding.Status.FAIL : Finding.Status.WARN,
            String.join("; ", problems) + (lock.takesPinCodes() ? "" : "; it has no PIN keypad"),
        "Fix the lock on site: replace a low or critical battery, turn privacy mode off inside, attach it to its"
            + " IQ; a pending state clears once the lock applies it.", "problem 1").about(l.objectId()));
  }
}
