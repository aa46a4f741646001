package nl.ireserve.saltoks.access;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.mapping.internal.Args;

/** {@link GuestGrantStore} in memory; one lock for all, as grants are few and slow. */
final class InMemoryGrantStore implements GuestGrantStore {
  /** A record and who holds it until when. */
  private static final class Row {
    GuestGrant grant;
    String holder;
    Instant heldUntil;

    Row(GuestGrant grant) {
      this.grant = grant;
    }
  }

  private final Map<String, Row> rows = new HashMap<>();

  private static String key(Site site, String reservationId) {
    return site.environment() + "|" + site.id() + "|" + reservationId;
  }

  @Override
  public synchronized Optional<GuestGrant> hold(Site site, GuestGrant fresh, String holder, Instant now, Duration lease) {
    Args.notNull("site", site);
    Args.notNull("fresh", fresh);
    Args.text("holder", holder, 64);
    Args.notNull("now", now);
    Args.positive("lease", lease);
    Row r = rows.computeIfAbsent(key(site, fresh.reservationId()), k -> new Row(fresh));
    if (r.holder != null && r.heldUntil.isAfter(now) && !r.holder.equals(holder)) {
      return Optional.empty();
    }
    r.holder = holder;
    r.heldUntil = now.plus(lease);
    return Optional.of(r.grant);
  }

  @Override
  public synchronized void save(Site site, GuestGrant grant) {
    Args.notNull("site", site);
    Args.notNull("grant", grant);
    rows.computeIfAbsent(key(site, grant.reservationId()), k -> new Row(grant)).grant = grant;
  }

  @Override
  public synchronized void release(Site site, String reservationId, String holder) {
    Row r = rows.get(key(Args.notNull("site", site), Args.text("reservationId", reservationId, 200)));
    Args.text("holder", holder, 64);
    if (r != null && holder.equals(r.holder)) {
      r.holder = null;
      r.heldUntil = null;
    }
  }

  @Override
  public synchronized boolean delete(Site site, String reservationId) {
    return rows.remove(key(Args.notNull("site", site), Args.text("reservationId", reservationId, 200))) != null;
  }

  @Override
  public synchronized Optional<GuestGrant> find(Site site, String reservationId) {
    Row r = rows.get(key(Args.notNull("site", site), Args.text("reservationId", reservationId, 200)));
    return r == null ? Optional.empty() : Optional.of(r.grant);
  }

  @Override
  public synchronized List<GuestGrant> endedBefore(Site site, Instant t, int limit) {
    Args.notNull("site", site);
    Args.notNull("t", t);
    String prefix = site.environment() + "|" + site.id() + "|";
    List<GuestGrant> out = new ArrayList<>();
    rows.forEach((k, r) -> {
      if (k.startsWith(prefix) && !r.grant.until().isAfter(t)) {
        out.add(r.grant);
      }
    });
    out.sort(Comparator.comparing(GuestGrant::until));
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
  }
}
