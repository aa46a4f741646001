package nl.ireserve.saltoks.spring;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import nl.ireserve.saltoks.Iq;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.exception.SaltoKsException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The actuator's view of SALTO KS: a token can be had, the site can be read, and its IQs are online. The
 * answer is cached ({@code saltoks.health-cache}, default 30 s), so a probe every second asks SALTO once
 * per period, not once per probe. Details name what failed and what to check, never a secret.
 */
public class SaltoKsHealthIndicator implements HealthIndicator {
  private final SaltoKsClient client;
  private final SiteClient site;
  private final long ttlNanos;
  private final LongSupplier nanoTime;
  private volatile Health last;
  private volatile long lastAt;

  /**
   * A health indicator.
   *
   * @param client the client
   * @param site the site
   * @param ttl how long an answer is reused
   * @param nanoTime the monotonic clock
   */
  public SaltoKsHealthIndicator(SaltoKsClient client, SiteClient site, Duration ttl, LongSupplier nanoTime) {
    this.client = client;
    this.site = site;
    this.ttlNanos = ttl.toNanos();
    this.nanoTime = nanoTime;
  }

  @Override
  public Health health() {
    Health h = last;
    long now = nanoTime.getAsLong();
    if (h != null && now - lastAt < ttlNanos) {
      return h;
    }
    synchronized (this) {
      if (last != null && nanoTime.getAsLong() - lastAt < ttlNanos) {
        return last;
      }
      last = check();
      lastAt = nanoTime.getAsLong();
      return last;
    }
  }

  private Health check() {
    try {
      client.authenticate();
    } catch (SaltoKsException e) {
      return Health.down().withDetail("token", "not obtainable: " + e.getMessage()).build();
    }
    List<Iq> iqs;
    try {
      iqs = site.iqs().list();
    } catch (SaltoKsException e) {
      return Health.down().withDetail("token", "ok").withDetail("site", "not readable: " + e.getMessage()).build();
    }
    long online = iqs.stream().filter(Iq::online).count();
    Health.Builder b = online == iqs.size() ? Health.up() : Health.down();
    return b.withDetail("token", "ok").withDetail("site", site.site().siteUid())
        .withDetail("iqsOnline", online + "/" + iqs.size()).build();
  }
}
