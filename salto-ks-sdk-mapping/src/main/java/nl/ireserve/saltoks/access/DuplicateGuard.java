package nl.ireserve.saltoks.access;

import com.github.benmanes.caffeine.cache.Cache;
import java.time.Clock;
import java.time.Duration;
import nl.ireserve.saltoks.mapping.internal.ExpiringCache;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Exactly once per reservation and lock within a window: the first caller claims the pair; callers
 * within the window are told it is taken. A claim whose command surely did not open the door is
 * released. In-process only.
 */
final class DuplicateGuard {
  private final Cache<String, Instant> claims;
  private final Cache<String, Boolean> checkedIn;

  DuplicateGuard(Duration window, Clock clock) {
    this.claims = ExpiringCache.create(window, clock, 1_000_000);
    this.checkedIn = ExpiringCache.create(Duration.ofDays(30), clock, 1_000_000);
  }

  /** Claims the pair; false when it was claimed within the window. */
  boolean claim(String reservationId, String lockId, Instant now) {
    AtomicBoolean won = new AtomicBoolean();
    claims.asMap().computeIfAbsent(key(reservationId, lockId), k -> {
      won.set(true);
      return now;
    });
    return won.get();
  }

  /** Releases a claim whose command did not open the door. */
  void release(String reservationId, String lockId) {
    claims.invalidate(key(reservationId, lockId));
  }

  /** True the first time it is asked for a reservation: its status-after-opening is due. */
  boolean firstCheckIn(String reservationId) {
    return checkedIn.asMap().putIfAbsent(reservationId, Boolean.TRUE) == null;
  }

  private static String key(String reservationId, String lockId) {
    return reservationId + '\u0000' + lockId;
  }
}
