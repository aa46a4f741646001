package nl.ireserve.saltoks.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import nl.ireserve.saltoks.AccessGroup;
import nl.ireserve.saltoks.Pin;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.SiteUser;
import nl.ireserve.saltoks.TimeSchedule;
import nl.ireserve.saltoks.exception.SaltoNotFoundException;
import nl.ireserve.saltoks.exception.SaltoPermissionException;
import org.jspecify.annotations.Nullable;

/**
 * A guest grant's parts in SALTO — the guest, its access group with the room's lock, the stay's time
 * schedule, the membership and the PIN — each found by the id recorded, or by the reservation's name (what
 * a lost answer created), else created; and all of them removed. {@link GuestAccessService} records each
 * step in its grant store around these calls; this class only talks to SALTO.
 */
final class GuestParts {
  private final SiteClient site;
  private final ZoneId zone;
  private final Clock clock;
  private final GuestAccessService.Retry retry;

  GuestParts(SiteClient site, ZoneId zone, Clock clock, GuestAccessService.Retry retry) {
    this.site = site;
    this.zone = zone;
    this.clock = clock;
    this.retry = retry;
  }

  /** The name of a reservation's guest and group in SALTO: how a lost answer's object is found again. */
  static String name(String reservationId) {
    String plain = "ireserve:" + reservationId;
    if (plain.length() <= MAX_NAME && reservationId.chars().noneMatch(c -> Character.isSurrogate((char) c))) {
      return plain;
    }
    // too long, or a character SALTO's names refuse (an emoji): a digest, stable and always 74 characters
    return "ireserve:#" + Digests.sha256Hex(reservationId);
  }

  /** The longest name SALTO's guests and groups take here (the SDK's own check on aliases and names). */
  private static final int MAX_NAME = 200;

  /**
   * The schedule of a window in the site's local time, never earlier or later than the window: SALTO's
   * schedules are local date-times, and when summer time ends an hour of them happens twice. A start inside
   * that hour moves to its end (its local time could otherwise be read as the first pass, up to an hour
   * early), an end inside it moves to its start (up to an hour early, never late). Empty when nothing is
   * left (a window that lies inside the repeated hour).
   */
  static Optional<TimeSchedule> stayFor(Instant from, Instant until, java.time.ZoneId zone) {
    LocalDateTime start = LocalDateTime.ofInstant(from, zone);
    java.time.zone.ZoneOffsetTransition t = zone.getRules().getTransition(start);
    if (t != null && t.isOverlap()) {
      start = t.getDateTimeBefore(); // the local end of the repeated hour
    }
    LocalDateTime end = LocalDateTime.ofInstant(until, zone);
    t = zone.getRules().getTransition(end);
    if (t != null && t.isOverlap()) {
      end = t.getDateTimeAfter(); // the local start of the repeated hour
    }
    LocalDateTime roundedStart = start.getNano() == 0 ? start : start.withNano(0).plusSeconds(1);
    if (!roundedStart.isBefore(end.withNano(0))) {
      return Optional.empty();
    }
    return Optional.of(TimeSchedule.stay(start, end));
  }
  /** The guest: the recorded one, or the one a lost answer created (found by name), or a new one. */
  SiteUser guest(GuestGrant g, boolean fresh) {
    String name = name(g.reservationId());
    if (fresh) {
      return site.users().createGuest(name, g.until());
    }
    if (g.siteUserId() != null) {
      try {
        return site.users().get(g.siteUserId());
      } catch (SaltoNotFoundException e) {
        // deleted in SALTO meanwhile: create it again
      }
    }
    for (SiteUser u : site.users().list()) {
      if (u.alias().equals(name)) {
        return u;
      }
    }
    return site.users().createGuest(name, g.until());
  }

  /**
   * The group: the recorded one (a list may lag behind a write, so it is not asked), the one a lost
   * answer created (found by name), or a new one.
   */
  String group(GuestGrant g, boolean fresh) {
    String name = name(g.reservationId());
    if (fresh) {
      return site.accessGroups().create(name).id();
    }
    if (g.groupId() != null) {
      try {
        site.accessGroups().locks(g.groupId()); // it still exists
        return g.groupId();
      } catch (SaltoNotFoundException e) {
        // deleted in SALTO meanwhile: find or create it again
      }
    }
    for (AccessGroup a : site.accessGroups().list()) {
      if (a.id().equals(g.groupId()) || a.name().equals(name)) {
        return a.id();
      }
    }
    return site.accessGroups().create(name).id();
  }

  /**
   * Exactly the reservation's lock in the group: a changed room moves it. The previous room's lock, as
   * recorded, is removed by its id whatever the group's list shows (a list may lag behind a write, or come
   * in another shape); any other lock the list shows is removed too.
   */
  void locks(GuestGrant g, @Nullable String previousLock) {
    if (previousLock != null && !previousLock.equals(g.lockId())) {
      deleteQuietly(() -> site.accessGroups().removeLock(g.groupId(), previousLock));
    }
    List<String> now = site.accessGroups().locks(g.groupId());
    if (!now.contains(g.lockId())) {
      site.accessGroups().addLock(g.groupId(), g.lockId());
    }
    for (String other : now) {
      if (!other.equals(g.lockId()) && !other.equals(previousLock)) {
        deleteQuietly(() -> site.accessGroups().removeLock(g.groupId(), other));
      }
    }
  }

  /**
   * The stay's schedule: every day, all day, between the window's local date-times in the site's zone. The
   * recorded schedule is changed by its id; the group's list is read only when none is recorded.
   */
  String schedule(GuestGrant g) {
    TimeSchedule wanted = stayFor(g.from(), g.until(), zone).orElseThrow(() -> new IllegalStateException(
        "the window of " + g.reservationId() + " cannot be expressed in the site's local time"));
    if (g.scheduleId() != null) {
      try {
        return site.accessGroups().updateSchedule(g.groupId(), wanted.withId(g.scheduleId())).id();
      } catch (SaltoNotFoundException e) {
        // deleted in SALTO meanwhile: find or create it again
      }
    }
    List<TimeSchedule> existing = site.accessGroups().schedules(g.groupId());
    for (TimeSchedule s : existing) {
      if (s.from().equals(wanted.from()) && s.until().equals(wanted.until())) {
        return s.id();
      }
    }
    if (!existing.isEmpty()) {
      TimeSchedule first = existing.get(0);
      for (TimeSchedule extra : existing.subList(1, existing.size())) {
        site.accessGroups().deleteSchedule(g.groupId(), extra.id());
      }
      return site.accessGroups().updateSchedule(g.groupId(), wanted.withId(first.id())).id();
    }
    return site.accessGroups().createSchedule(g.groupId(), wanted).id();
  }

  void member(GuestGrant g) {
    if (site.accessGroups().users(g.groupId()).contains(g.userId())) {
      return;
    }
    propagated(() -> {
      site.accessGroups().addUser(g.groupId(), g.userId());
      return null;
    });
  }

  Pin pin(GuestGrant g) {
    return propagated(() -> site.users().generatePin(g.siteUserId(), pinExpiry(g.until(), clock.instant())));
  }

  /**
   * When a guest's PIN expires: the instant the stay's access ends. SALTO takes 1 day to 1 year ahead
   * (salto-ks-api.md §10): an end sooner than a day is sent as a day ahead, one beyond a year as no expiry;
   * in both cases the group's time schedule still ends the access at the window's end.
   */
  static @Nullable Instant pinExpiry(Instant until, Instant now) {
    Instant earliest = now.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(1));
    if (until.isAfter(now.plus(Duration.ofDays(365)).minus(Duration.ofMinutes(1)))) {
      return null;
    }
    return until.isBefore(earliest) ? earliest : until;
  }

  /** Retries SALTO's propagation answers for a new user: 403 on its PIN, 404 on its group join. */
  private <T> T propagated(java.util.function.Supplier<T> call) {
    long deadline = System.nanoTime() + retry.max().toNanos();
    while (true) {
      try {
        return call.get();
      } catch (SaltoPermissionException | SaltoNotFoundException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(retry.pause().toMillis());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /**
   * Deletes the guest (freeing its seat) and the group: first by the ids recorded, whatever SALTO's lists
   * show (a list may lag behind a write), then whatever the lists show under the reservation's name (what a
   * lost answer created). Each delete is confirmed by SALTO or answered 404 (gone already); any other
   * answer throws, and the record stays for the next revoke.
   */
  void removeFromSalto(GuestGrant g) {
    String name = name(g.reservationId());
    if (g.siteUserId() != null) {
      deleteQuietly(() -> site.users().delete(g.siteUserId()));
    }
    if (g.groupId() != null) {
      deleteQuietly(() -> site.accessGroups().delete(g.groupId()));
    }
    for (SiteUser u : site.users().list()) {
      if (u.alias().equals(name) && !u.id().equals(g.siteUserId())) {
        deleteQuietly(() -> site.users().delete(u.id()));
      }
    }
    for (AccessGroup a : site.accessGroups().list()) {
      if (a.name().equals(name) && !a.id().equals(g.groupId())) {
        deleteQuietly(() -> site.accessGroups().delete(a.id()));
      }
    }
  }

  private static void deleteQuietly(Runnable delete) {
    try {
      delete.run();
    } catch (SaltoNotFoundException e) {
      // gone already
    }
  }
}
