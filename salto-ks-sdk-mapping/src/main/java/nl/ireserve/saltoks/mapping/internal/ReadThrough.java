package nl.ireserve.saltoks.mapping.internal;

import com.github.benmanes.caffeine.cache.Cache;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one read-through cache in front of a store, for both caching decorators ({@link CachedMappingStore},
 * {@link CachedIqKeyStore}): lookups are cached for a fixed time after they were read, on the given
 * clock (tests move it, {@link ExpiringCache}); a write through the decorator invalidates its key
 * whether it succeeded or failed.
 *
 * @param <K> the lookup key
 * @param <V> what a lookup returns (an {@code Optional}, so "not there" is cached too)
 */
final class ReadThrough<K, V> {
  private final Cache<K, V> cache;

  ReadThrough(Duration ttl, Clock clock, long maximumSize) {
    this.cache = ExpiringCache.create(ttl, clock, maximumSize);
  }

  /** The cached value, or the loader's (cached from now on). */
  V get(K key, Function<K, V> loader) {
    return cache.get(key, loader);
  }

  /** The cached value, or {@code null} when there is none: never loads. */
  @org.jspecify.annotations.Nullable V peek(K key) {
    return cache.getIfPresent(key);
  }

  /** Forgets every cached value. */
  void clear() {
    cache.invalidateAll();
  }

  /** Runs a write of {@code key} and forgets the cached value, whatever the write did. */
  <R> R write(K key, Supplier<R> write) {
    try {
      return write.get();
    } finally {
      cache.invalidate(key);
    }
  }
}
