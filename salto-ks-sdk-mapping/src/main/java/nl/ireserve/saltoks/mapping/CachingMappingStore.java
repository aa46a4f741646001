package nl.ireserve.saltoks.mapping;

import com.github.benmanes.caffeine.cache.Cache;
import java.time.Clock;
import java.time.Duration;
import nl.ireserve.saltoks.mapping.internal.ExpiringCache;
import java.util.List;
import java.util.Optional;
import nl.ireserve.saltoks.mapping.internal.Args;

/**
 * Caches {@link MappingStore#findByObject}, the lookup on the door-open path, in front of another
 * store. Writes through this store invalidate the object's entry at once; a short time-to-live makes
 * several host instances that share one database converge on changes made by the others.
 *
 * <p>Thread-safe. Lists ({@link #all}, {@link #findByLock}) are not cached.
 */
public final class CachingMappingStore implements MappingStore {
  private final MappingStore delegate;
  private final Cache<String, Optional<ObjectLockLink>> cache;

  private CachingMappingStore(MappingStore delegate, Duration ttl, Clock clock) {
    this.delegate = delegate;
    this.cache = ExpiringCache.create(ttl, clock, 1_000_000);
  }

  /**
   * Caches lookups of {@code delegate} for {@code ttl}.
   *
   * @param delegate the store that holds the links
   * @param ttl how long a lookup is reused (for example 30 s); changes made by other processes show
   *     after at most this long
   * @return the caching store
   */
  public static CachingMappingStore of(MappingStore delegate, Duration ttl) {
    return of(delegate, ttl, Clock.systemUTC());
  }

  /**
   * Like {@link #of(MappingStore, Duration)} with a clock for the time-to-live (tests).
   *
   * @param delegate the store
   * @param ttl the time-to-live
   * @param clock the clock
   * @return the caching store
   */
  public static CachingMappingStore of(MappingStore delegate, Duration ttl, Clock clock) {
    return new CachingMappingStore(Args.notNull("delegate", delegate), Args.positive("ttl", ttl),
        Args.notNull("clock", clock));
  }

  @Override
  public Optional<ObjectLockLink> findByObject(String objectId) {
    Args.notNull("objectId", objectId);
    return cache.get(objectId, delegate::findByObject);
  }

  @Override
  public List<ObjectLockLink> findByLock(String lockId) {
    return delegate.findByLock(lockId);
  }

  @Override
  public List<ObjectLockLink> all() {
    return delegate.all();
  }

  @Override
  public ObjectLockLink link(ObjectLockLink link) {
    Args.notNull("link", link);
    try {
      return delegate.link(link);
    } finally {
      cache.invalidate(link.objectId());
    }
  }

  @Override
  public ObjectLockLink relink(ObjectLockLink link) {
    Args.notNull("link", link);
    try {
      return delegate.relink(link);
    } finally {
      cache.invalidate(link.objectId());
    }
  }

  @Override
  public boolean unlink(String objectId) {
    Args.notNull("objectId", objectId);
    try {
      return delegate.unlink(objectId);
    } finally {
      cache.invalidate(objectId);
    }
  }

  /** Drops every cached lookup. */
  public void invalidateAll() {
    cache.invalidateAll();
  }
}
