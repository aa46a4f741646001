package nl.ireserve.saltoks.mapping.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;

/**
 * The one way the SDK builds its caches: entries expire a fixed time after they were written, on the
 * given clock (tests move it), and Caffeine's maintenance runs on the caller instead of being handed to
 * {@code ForkJoinPool.commonPool()} — a thread hand-off per write that cost the door-open flow ~15 % on a
 * 2-core machine (BENCHMARKS.md).
 */
public final class ExpiringCache {
  private ExpiringCache() {}

  /**
   * A cache whose entries expire {@code ttl} after they were written.
   *
   * @param ttl the time-to-live
   * @param clock the clock expiry is measured on
   * @param maximumSize the most entries kept
   * @return the cache
   */
  public static <K, V> Cache<K, V> create(Duration ttl, Clock clock, long maximumSize) {
    return Caffeine.newBuilder()
        .executor(Runnable::run)
        .expireAfterWrite(ttl)
        .ticker(() -> clock.millis() * 1_000_000L)
        .maximumSize(maximumSize)
        .build();
  }
}
