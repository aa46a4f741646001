package nl.ireserve.saltoks.mapping;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.exception.StoreException;
import nl.ireserve.saltoks.mapping.internal.Args;
import nl.ireserve.saltoks.mapping.internal.CachedMappingStore;
import nl.ireserve.saltoks.mapping.internal.InMemoryMappingStore;

/**
 * Where object → lock links live. One object has at most one lock, and an implementation must keep it
 * so atomically, also under concurrent writers (the JDBC store does it with a primary key). One lock
 * may serve several objects; {@link MappingService#audit} reports that as a "wrong door" risk.
 *
 * <p>Implementations must be thread-safe. Prove a custom one by extending {@code
 * nl.ireserve.saltoks.contracts.MappingStoreContract} (module salto-ks-sdk-store-contracts).
 */
public interface MappingStore {
  /**
   * The link of an object.
   *
   * @param objectId the object's id
   * @return the link, or empty when the object is not mapped
   * @throws StoreException when the store cannot be read
   */
  Optional<ObjectLockLink> findByObject(String objectId);

  /**
   * The links to a lock.
   *
   * @param lockId the lock's UUID
   * @return every object linked to it
   */
  List<ObjectLockLink> findByLock(String lockId);

  /**
   * Every link.
   *
   * @return the links, ordered by object id
   */
  List<ObjectLockLink> all();

  /**
   * Links an object that has no lock yet. Linking it again to the same lock changes nothing.
   *
   * @param link the link
   * @return the stored link (the existing one when it was already linked to that lock)
   * @throws LinkConflictException when the object is already linked to another lock; use {@link
   *     #relink} to replace it on purpose
   */
  ObjectLockLink link(ObjectLockLink link);

  /**
   * Links an object to a lock, replacing the lock it had (the explicit way to change a link).
   *
   * @param link the new link
   * @return the stored link
   */
  ObjectLockLink relink(ObjectLockLink link);

  /**
   * Removes an object's link.
   *
   * @param objectId the object's id
   * @return whether a link was removed
   */
  boolean unlink(String objectId);

  /**
   * Drops whatever this store caches, so that the next read sees the stored links. {@code AccessService}
   * calls it before an open when its {@code nl.ireserve.saltoks.access.AccessGuards} report that the
   * site's links changed, on this instance or another. The default does nothing (no cache); a caching
   * store must override it.
   */
  default void refresh() {}

  /**
   * The site this store keeps the links of, when it is one of several sites' stores over shared storage
   * (the JDBC store is obtained for a site). {@code AccessService.build()} refuses a store of another site
   * than its own, so one customer's guest can never be served from another customer's links. The default is
   * empty: a store that belongs to whoever holds it, such as an in-memory store made for one site.
   *
   * @return the store's site, or empty when it is not scoped to one
   */
  default Optional<Site> site() {
    return Optional.empty();
  }

  /**
   * A store in memory: the default for a single process and for tests. Thread-safe; nothing survives
   * a restart.
   *
   * @return a new, empty store
   */
  static MappingStore inMemory() {
    return new InMemoryMappingStore();
  }

  /**
   * Caches the lookup on the door-open path ({@link #findByObject}) in front of {@code store}. Writes through the returned store invalidate their
   * entry at once; {@code ttl} bounds how long a change made elsewhere (another host instance on the
   * same database) stays unseen.
   *
   * @param store the store to cache
   * @param ttl how long a lookup is reused
   * @return the caching store
   */
  static MappingStore cached(MappingStore store, Duration ttl) {
    return cached(store, ttl, Clock.systemUTC());
  }

  /**
   * Like {@link #cached(MappingStore, Duration)}, with the clock expiry is measured on (tests move it).
   *
   * @param store the store to cache
   * @param ttl how long a lookup is reused
   * @param clock the clock
   * @return the caching store
   */
  static MappingStore cached(MappingStore store, Duration ttl, Clock clock) {
    return new CachedMappingStore(Args.notNull("store", store), Args.notNull("ttl", ttl), Args.notNull("clock", clock));
  }
}
