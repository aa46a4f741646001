package nl.ireserve.saltoks.access;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * At most N openings per lock in any 60 seconds, refused locally: it stops a flood of taps on one door
 * (a stuck button, a runaway script). No SALTO rate limit was ever observed; this is not one.
 */
final class LockThrottle {
  private static final long WINDOW_MILLIS = 60_000;

  private final int maxPerMinute;
  private final ConcurrentMap<String, ArrayDeque<Long>> recent = new ConcurrentHashMap<>();

  LockThrottle(int maxPerMinute) {
    this.maxPerMinute = maxPerMinute;
  }

  /** Takes a slot for an opening now; false when the lock had its N openings in the last minute. */
  boolean tryAcquire(String lockId, long nowMillis) {
    ArrayDeque<Long> q = recent.computeIfAbsent(lockId, k -> new ArrayDeque<>());
    synchronized (q) {
      while (!q.isEmpty() && q.peekFirst() <= nowMillis - WINDOW_MILLIS) {
        q.pollFirst();
      }
      if (q.size() >= maxPerMinute) {
        return false;
      }
      q.addLast(nowMillis);
      return true;
    }
  }
}
