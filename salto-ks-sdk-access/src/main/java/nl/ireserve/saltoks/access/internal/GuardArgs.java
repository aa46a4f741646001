package nl.ireserve.saltoks.access.internal;

import java.time.Duration;
import java.time.Instant;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.access.AccessGuards;
import nl.ireserve.saltoks.mapping.internal.Args;

/**
 * The argument checks of the SDK's own {@link AccessGuards}: a host may call them directly, so a null or
 * a bad value is an {@link IllegalArgumentException} naming it, before any state or row is touched.
 */
public final class GuardArgs {
  private GuardArgs() {}

  public static void site(Site site) {
    Args.notNull("site", site);
  }

  public static void attempt(Site site, AccessGuards.Attempt attempt, boolean needsLock) {
    site(site);
    Args.notNull("attempt", attempt);
    if (needsLock && attempt.lockId() == null) {
      throw new IllegalArgumentException("attempt.lockId must be set to claim or settle an opening");
    }
  }

  public static void reservation(Site site, String reservationId) {
    site(site);
    Args.text("reservationId", reservationId, 200);
  }

  public static void lockRange(Site site, String lockId, Instant from, Instant to) {
    site(site);
    Args.uuid("lockId", lockId);
    Args.notNull("from", from);
    Args.notNull("to", to);
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to (got " + from + " and " + to + ")");
    }
  }

  public static void key(Site site, String iqId, String keyDigest) {
    site(site);
    Args.uuid("iqId", iqId);
    Args.text("keyDigest", keyDigest, 64);
  }

  public static void turn(Site site, String iqId, String keyDigest, Instant now, Duration lease) {
    key(site, iqId, keyDigest);
    Args.notNull("now", now);
    Args.positive("lease", lease);
  }
}
