package nl.ireserve.saltoks.mapping;

import com.github.benmanes.caffeine.cache.Cache;
import java.time.Clock;
import java.time.Duration;
import nl.ireserve.saltoks.mapping.internal.ExpiringCache;
import java.util.List;
import java.util.Optional;
import nl.ireserve.saltoks.mapping.internal.Args;
import nl.ireserve.saltoks.iq.IqKey;

/**
 * Caches {@link IqKeyStore#find} (decrypted keys, in memory) in front of another store, invalidated on
 * writes through this store and expiring after a short time-to-live. Thread-safe.
 */
public final class CachingIqKeyStore implements IqKeyStore {
  private final IqKeyStore delegate;
  private final Cache<String, Optional<IqKey>> cache;

  private CachingIqKeyStore(IqKeyStore delegate, Duration ttl, Clock clock) {
    this.delegate = delegate;
    this.cache = ExpiringCache.create(ttl, clock, 100_000);
  }

  /**
   * Caches lookups of {@code delegate} for {@code ttl}.
   *
   * @param delegate the store that holds the keys
   * @param ttl how long a lookup is reused
   * @return the caching store
   */
  public static CachingIqKeyStore of(IqKeyStore delegate, Duration ttl) {
    return of(delegate, ttl, Clock.systemUTC());
  }

  /**
   * Like {@link #of(IqKeyStore, Duration)} with a clock for the time-to-live (tests).
   *
   * @param delegate the store
   * @param ttl the time-to-live
   * @param clock the clock
   * @return the caching store
   */
  public static CachingIqKeyStore of(IqKeyStore delegate, Duration ttl, Clock clock) {
    return new CachingIqKeyStore(Args.notNull("delegate", delegate), Args.positive("ttl", ttl),
        Args.notNull("clock", clock));
  }

  @Override
  public Optional<IqKey> find(String iqId) {
    String id = Args.uuid("iqId", iqId);
    return cache.get(id, delegate::find);
  }

  @Override
  public void save(IqKey key) {
    Args.notNull("key", key);
    try {
      delegate.save(key);
    } finally {
      cache.invalidate(key.iqId());
    }
  }

  @Override
  public boolean delete(String iqId) {
    String id = Args.uuid("iqId", iqId);
    try {
      return delegate.delete(id);
    } finally {
      cache.invalidate(id);
    }
  }

  @Override
  public List<String> iqIds() {
    return delegate.iqIds();
  }
}
