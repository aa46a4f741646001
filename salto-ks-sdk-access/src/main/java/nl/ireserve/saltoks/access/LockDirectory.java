package nl.ireserve.saltoks.access;

import com.github.benmanes.caffeine.cache.Cache;
import java.time.Clock;
import java.time.Duration;
import nl.ireserve.saltoks.Lock;
import nl.ireserve.saltoks.Locks;
import nl.ireserve.saltoks.mapping.internal.ExpiringCache;

/**
 * The locks of the site as last read from SALTO (which IQ a lock hangs on, whether it is online),
 * cached briefly so that an opening costs one SALTO call, the open itself.
 */
final class LockDirectory {
  private final Locks locks;
  private final Cache<String, Lock> cache;

  LockDirectory(Locks locks, Duration ttl, Clock clock) {
    this.locks = locks;
    this.cache = ExpiringCache.create(ttl, clock, 100_000);
  }

  /** The lock, from the cache or from SALTO. */
  Lock get(String lockId) {
    return cache.get(lockId, locks::get);
  }

  /** Forgets a lock (after SALTO refused an open, its state may have changed). */
  void forget(String lockId) {
    cache.invalidate(lockId);
  }
}
