package nl.ireserve.saltoks.access;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.access.internal.GuardArgs;
import nl.ireserve.saltoks.mapping.internal.Args;
import nl.ireserve.saltoks.mapping.internal.LocalStore;
import org.jspecify.annotations.Nullable;

/**
 * {@link AccessGuards} in memory, for one host instance. One monitor per site keeps each guard's
 * check and act in one step; sites never share state. The journal keeps the last 10,000 attempts per
 * site; claims that no longer hold are swept every 4,096 claims, check-ins after 30 days.
 */
final class InMemoryAccessGuards implements AccessGuards, LocalStore {
  private static final int JOURNAL_LIMIT = 10_000;
  private static final int SWEEP_EVERY = 4096;

  /** One site's guards; every field guarded by the instance's monitor. */
  private static final class SiteGuards {
    boolean active = true;
    long storeGeneration;
    boolean remoteOpeningsLogged;
    final Map<String, Attempt> claims = new HashMap<>(); // reservation + lock -> the holding attempt
    final Map<String, ArrayDeque<Instant>> lockOpenings = new HashMap<>();
    final Map<String, Instant> checkedIn = new HashMap<>();
    int claimsSinceSweep;
    final Map<String, OtpState> otp = new HashMap<>(); // iq + digest
    /** Attempts by id, oldest first; settling one replaces it in place. */
    final LinkedHashMap<String, Attempt> journal = new LinkedHashMap<>();
  }

  private record OtpState(@Nullable Boolean accepted, Instant leaseUntil) {}

  private final Map<String, SiteGuards> sites = new HashMap<>();

  private synchronized SiteGuards of(Site site) {
    return sites.computeIfAbsent(site.environment() + "/" + site.id(), k -> new SiteGuards());
  }

  @Override
  public SiteState state(Site site) {
    GuardArgs.site(site);
    SiteGuards g = of(site);
    synchronized (g) {
      return new SiteState(g.active, g.storeGeneration);
    }
  }

  @Override
  public void setActive(Site site, boolean active) {
    GuardArgs.site(site);
    SiteGuards g = of(site);
    synchronized (g) {
      g.active = active;
    }
  }

  @Override
  public boolean remoteOpeningsLogged(Site site) {
    GuardArgs.site(site);
    SiteGuards g = of(site);
    synchronized (g) {
      return g.remoteOpeningsLogged;
    }
  }

  @Override
  public void learnRemoteOpeningsLogged(Site site) {
    GuardArgs.site(site);
    SiteGuards g = of(site);
    synchronized (g) {
      g.remoteOpeningsLogged = true;
    }
  }

  @Override
  public void storesChanged(Site site) {
    GuardArgs.site(site);
    SiteGuards g = of(site);
    synchronized (g) {
      g.storeGeneration++;
    }
  }

  @Override
  public Claim claim(Site site, Attempt attempt, ClaimRules rules) {
    GuardArgs.attempt(site, attempt, true);
    Args.notNull("rules", rules);
    SiteGuards g = of(site);
    String key = claimKey(attempt);
    Instant now = attempt.startedAt();
    synchronized (g) {
      Attempt holder = g.claims.get(key);
      if (holder != null && rules.holds(holder, now)) {
        return new Claim(Claim.Result.DUPLICATE, holder);
      }
      ArrayDeque<Instant> recent = g.lockOpenings.computeIfAbsent(attempt.lockId(), k -> new ArrayDeque<>());
      Instant minuteAgo = now.minusSeconds(60);
      while (!recent.isEmpty() && !recent.peekFirst().isAfter(minuteAgo)) {
        recent.pollFirst(); // oldest first: only what fell out of the minute is looked at
      }
      if (recent.size() >= rules.maxPerLockPerMinute()) {
        return new Claim(Claim.Result.THROTTLED, null);
      }
      recent.addLast(now);
      if (++g.claimsSinceSweep >= SWEEP_EVERY) {
        sweep(g, now, rules);
      }
      g.claims.put(key, attempt);
      journal(g, attempt);
      return new Claim(Claim.Result.CLAIMED, null);
    }
  }

  /** Forgets claims that no longer hold, locks without recent openings, and check-ins older than 30 days. */
  private static void sweep(SiteGuards g, Instant now, ClaimRules rules) {
    g.claimsSinceSweep = 0;
    g.claims.values().removeIf(a -> !rules.holds(a, now));
    Instant minuteAgo = now.minusSeconds(60);
    g.lockOpenings.values().removeIf(q -> q.isEmpty() || !q.peekLast().isAfter(minuteAgo));
    Instant monthAgo = now.minus(Duration.ofDays(30));
    g.checkedIn.values().removeIf(t -> t.isBefore(monthAgo));
  }

  /** The claim's key: a reservation and its lock. */
  private static String claimKey(Attempt attempt) {
    return attempt.reservationId() + '\u0000' + attempt.lockId();
  }

  /** An OTP turn's key: an IQ and one of its keys. */
  private static String otpKey(String iqId, String keyDigest) {
    return iqId + '\u0000' + keyDigest;
  }

  @Override
  public void settle(Site site, Attempt attempt) {
    GuardArgs.attempt(site, attempt, true);
    SiteGuards g = of(site);
    String key = claimKey(attempt);
    synchronized (g) {
      Attempt holder = g.claims.get(key);
      if (holder != null && holder.id().equals(attempt.id())) {
        if (attempt.status().keepsClaim()) {
          g.claims.put(key, attempt);
        } else {
          g.claims.remove(key);
        }
      }
      if (g.journal.containsKey(attempt.id())) {
        g.journal.put(attempt.id(), attempt); // in place: the journal stays in the order attempts began
      } else {
        journal(g, attempt);
      }
    }
  }

  @Override
  public void record(Site site, Attempt attempt) {
    GuardArgs.attempt(site, attempt, false);
    SiteGuards g = of(site);
    synchronized (g) {
      journal(g, attempt);
    }
  }

  private static void journal(SiteGuards g, Attempt attempt) {
    g.journal.put(attempt.id(), attempt);
    if (g.journal.size() > JOURNAL_LIMIT) {
      Iterator<String> oldest = g.journal.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  @Override
  public boolean firstCheckIn(Site site, String reservationId) {
    GuardArgs.reservation(site, reservationId);
    SiteGuards g = of(site);
    synchronized (g) {
      return g.checkedIn.putIfAbsent(reservationId, Instant.now()) == null;
    }
  }

  @Override
  public OtpTurn otpTurn(Site site, String iqId, String keyDigest, Instant now, Duration lease) {
    GuardArgs.turn(site, iqId, keyDigest, now, lease);
    SiteGuards g = of(site);
    String key = otpKey(iqId, keyDigest);
    synchronized (g) {
      OtpState s = g.otp.get(key);
      if (s != null && Boolean.TRUE.equals(s.accepted())) {
        return OtpTurn.GO;
      }
      if (s != null && Boolean.FALSE.equals(s.accepted())) {
        return OtpTurn.REFUSED;
      }
      if (s != null && now.isBefore(s.leaseUntil())) {
        return OtpTurn.WAIT;
      }
      g.otp.put(key, new OtpState(null, now.plus(lease)));
      return OtpTurn.FIRST;
    }
  }

  @Override
  public void otpAnswered(Site site, String iqId, String keyDigest, @Nullable Boolean accepted) {
    GuardArgs.key(site, iqId, keyDigest);
    SiteGuards g = of(site);
    String key = otpKey(iqId, keyDigest);
    synchronized (g) {
      if (accepted == null) {
        g.otp.remove(key);
      } else {
        g.otp.put(key, new OtpState(accepted, Instant.MAX));
      }
    }
  }

  @Override
  public List<Attempt> journalOfLock(Site site, String lockId, Instant from, Instant to) {
    GuardArgs.lockRange(site, lockId, from, to);
    SiteGuards g = of(site);
    synchronized (g) {
      List<Attempt> out = new ArrayList<>();
      for (Attempt a : g.journal.values()) {
        if (lockId.equals(a.lockId()) && !a.startedAt().isBefore(from) && a.startedAt().isBefore(to)) {
          out.add(a);
        }
      }
      return out;
    }
  }

  @Override
  public List<Attempt> journal(Site site, String reservationId) {
    GuardArgs.reservation(site, reservationId);
    SiteGuards g = of(site);
    synchronized (g) {
      List<Attempt> out = new ArrayList<>();
      for (Attempt a : g.journal.values()) {
        if (a.reservationId().equals(reservationId)) {
          out.add(a);
        }
      }
      return out;
    }
  }

  @Override
  public String toString() {
    return "AccessGuards.inMemory()";
  }
}
