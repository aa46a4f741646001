package nl.ireserve.saltoks;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import nl.ireserve.saltoks.internal.Checks;
import nl.ireserve.saltoks.internal.ClientCore;
import nl.ireserve.saltoks.iq.IqSetup;
import org.jspecify.annotations.Nullable;

/**
 * Everything the Connect API offers for one site: its locks, IQs and IQ setup, entries, users, access
 * groups and time schedules. Obtained from
 * {@link SaltoKsClient#site(Site)}, which checks that the site belongs to the client's environment.
 *
 * <pre>{@code
 * SiteClient site = client.site(client.sites().retrieve("NL6254340082"));
 * List<Lock> locks = site.locks().list();
 * site.locks().open(lockId, iqKey);
 * }</pre>
 *
 * <p>Thread-safe and cheap: it shares the client's connections, token and guards. Closing the client
 * ends it.
 */
public final class SiteClient {
  private final SaltoKsClient client;
  private final Site site;
  private final Locks locks;
  private final Iqs iqs;
  private final IqSetup iqSetup;
  private final Entries entries;
  private final Incidents incidents;
  private final Users users;
  private final AccessGroups accessGroups;
  private final ClientCore core;

  SiteClient(SaltoKsClient client, ClientCore core, Site site, Locks locks, Iqs iqs, IqSetup iqSetup,
      Entries entries) {
    this.core = core;
    this.entries = entries;
    this.incidents = core.incidents(site.id());
    this.users = core.users(site.id());
    this.accessGroups = core.accessGroups(site.id());
    this.client = client;
    this.site = site;
    this.locks = locks;
    this.iqs = iqs;
    this.iqSetup = iqSetup;
  }

  /** The site. */
  public Site site() {
    return site;
  }

  /** The client this site is reached through. */
  public SaltoKsClient client() {
    return client;
  }

  /** The site's locks: list, read, open remotely. */
  public Locks locks() {
    return locks;
  }

  /** The site's IQs (gateways). */
  public Iqs iqs() {
    return iqs;
  }

  /**
   * The site's event log: what happened at each door, and whether a remote opening shows there.
   *
   * @return the entries
   */
  public Entries entries() {
    return entries;
  }

  /**
   * The site's incidents: locks and IQs losing and regaining their connection, low batteries, clock
   * failures, operations not completed, alarms.
   *
   * @return the incidents
   */
  public Incidents incidents() {
    return incidents;
  }

  /**
   * The site's users: guests, PIN codes, blocking, deletion (which frees the seat), roles and the
   * subscription.
   *
   * @return the users
   */
  public Users users() {
    return users;
  }

  /**
   * The site's access groups: which users may pass which locks, and when (time schedules).
   *
   * @return the access groups
   */
  public AccessGroups accessGroups() {
    return accessGroups;
  }

  /** IQ OTP setup (manual 1.4): activation status, GET PIN, set PIN, verify a stored key. */
  public IqSetup iqSetup() {
    return iqSetup;
  }

  /**
   * Whether the service account may open this site's locks remotely: the {@code remote_access} flag of
   * its site user ({@code GET …/sites/{id}/me}). Measured: the account that opened a real door had a
   * custom role with this flag, not necessarily {@code site_admin}.
   *
   * @return the flag
   */
  public boolean remoteAccessAllowed() {
    return core.remoteAccess(site.id());
  }

  @Override
  public String toString() {
    return "SiteClient[" + site.environment() + ", site=" + site.siteUid() + " (" + site.id() + ")]";
  }

  /**
   * The users of a site (salto-ks-api.md §4.5). A site user has two ids: its site-user {@code id} (for
   * {@code /users/{id}}, the PIN, blocking, deletion) and its platform {@code userId} (for access-group
   * membership and the entries). Writes are commands, never re-sent once they may have arrived.
   */
  public interface Users {
    /**
     * Every user of the site.
     *
     * @return the users
     */
    List<SiteUser> list();

    /**
     * One user.
     *
     * @param siteUserId the site-user id
     * @return the user
     * @throws SaltoNotFoundException when there is no such user
     */
    SiteUser get(String siteUserId);

    /**
     * Creates a guest ({@code POST …/guests}): role {@code site_guest}, no e-mail, a subscription seat.
     * Measured trap: on a full site this still succeeds, with {@link SiteUser#suspended()} true; and
     * {@code expiresAt} passing does not free the seat (delete the user to free it).
     *
     * @param alias the guest's name, shown in SALTO KS and the entries
     * @param expiresAt when the guest expires, or null
     * @return the new guest
     */
    SiteUser createGuest(String alias, @Nullable Instant expiresAt);

    /**
     * Blocks or unblocks a user.
     *
     * @param siteUserId the site-user id
     * @param blocked the new state
     * @return the user
     */
    SiteUser block(String siteUserId, boolean blocked);

    /**
     * Lets a user open keypads with a PIN ({@code use_pin}); guests are created without it.
     *
     * @param siteUserId the site-user id
     * @return the user
     */
    SiteUser enablePin(String siteUserId);

    /**
     * Deletes a user; its subscription seat is free at once.
     *
     * @param siteUserId the site-user id
     */
    void delete(String siteUserId);

    /**
     * Generates the user's keypad PIN ({@code PUT …/users/{id}/pin}): SALTO picks 6 digits, and every
     * call rotates it. Right after a user is created this can answer 403 for about a minute (retry). A
     * PIN opens a door only once the user is in an access group that has a time schedule.
     *
     * <p>{@code expiry_date} is a date-time that SALTO accepts from 1 day to 1 year ahead (salto-ks-api.md
     * §10); it is sent as the instant given, in UTC to the second. A guest's access is bounded by its
     * group's time schedule in any case; the expiry is a second bound.
     *
     * @param siteUserId the site-user id
     * @param expiresAt the instant the PIN stops working (1 day to 1 year ahead), or null for never
     * @return the PIN, to hand to the guest; never logged
     */
    Pin generatePin(String siteUserId, @Nullable Instant expiresAt);

    /**
     * The site's roles.
     *
     * @return the roles
     */
    List<Role> roles();

    /**
     * The site's subscription: seats and features (a chosen PIN needs {@code custom_pin}).
     *
     * @return the subscription
     */
    Subscription subscription();
  }

  /**
   * A site user.
   *
   * @param id the site-user id
   * @param userId the platform user id (access groups, entries), or null when SALTO sent none
   * @param alias the alias, or empty
   * @param roles the role codes, such as {@code site_guest}
   * @param blocked whether the user is blocked
   * @param usePin whether the user may use a keypad PIN
   * @param subscriptionState {@code subscribed}, {@code suspended}, or empty
   * @param expiresAt when the user expires, or null
   */
  public record SiteUser(String id, @Nullable String userId, String alias, List<String> roles, boolean blocked,
      boolean usePin, String subscriptionState, @Nullable Instant expiresAt) {
    /** Copies the roles. */
    public SiteUser {
      Checks.notNull("id", id);
      roles = List.copyOf(roles);
    }

    /** Whether the user has no seat: a full site suspends new guests. */
    public boolean suspended() {
      return "suspended".equals(subscriptionState);
    }
  }

  /**
   * A keypad PIN. {@link #toString()} masks it; read {@link #value()} only to hand it to the guest.
   *
   * @param value the digits
   */
  public record Pin(String value) {
    /** Validates the PIN. */
    public Pin {
      Checks.secretText("pin", value, "SALTO answered a PIN request without a PIN");
    }

    /** The PIN with every digit hidden, for showing that one exists (and how long it is). */
    public String masked() {
      return "*".repeat(value.length());
    }

    @Override
    public String toString() {
      return "Pin[******]";
    }
  }

  /**
   * A role of the site.
   *
   * @param id its id
   * @param code its code, such as {@code site_guest}
   * @param name its name
   */
  public record Role(String id, String code, String name) {}

  /**
   * A site's subscription.
   *
   * @param seats the user amount the subscription allows
   * @param type the subscription's type, or empty
   * @param features its features, such as {@code custom_pin}
   */
  public record Subscription(int seats, String type, List<String> features) {
    /** Copies the features. */
    public Subscription {
      features = List.copyOf(features);
    }
  }

  /**
   * The access groups of a site (salto-ks-api.md §4.6, §4.7): locks, members by platform user id, and time
   * schedules (API v1.1) in the site's local time.
   */
  public interface AccessGroups {
    /**
     * Every access group.
     *
     * @return the groups
     */
    List<AccessGroup> list();

    /**
     * Creates a group.
     *
     * @param name its name ({@code customer_reference})
     * @return the group
     */
    AccessGroup create(String name);

    /**
     * Deletes a group.
     *
     * @param groupId the group
     */
    void delete(String groupId);

    /**
     * The locks of a group.
     *
     * @param groupId the group
     * @return the lock ids
     */
    List<String> locks(String groupId);

    /**
     * Adds a lock to a group.
     *
     * @param groupId the group
     * @param lockId the lock
     */
    void addLock(String groupId, String lockId);

    /**
     * Removes a lock from a group.
     *
     * @param groupId the group
     * @param lockId the lock
     */
    void removeLock(String groupId, String lockId);

    /**
     * The members of a group.
     *
     * @param groupId the group
     * @return their platform user ids
     */
    List<String> users(String groupId);

    /**
     * Adds a user by platform user id (a site-user id answers 404). Right after the user was created this
     * can answer 404 for about a minute (retry).
     *
     * @param groupId the group
     * @param userId the platform user id
     */
    void addUser(String groupId, String userId);

    /**
     * Removes a user.
     *
     * @param groupId the group
     * @param userId the platform user id
     */
    void removeUser(String groupId, String userId);

    /**
     * The time schedules of a group.
     *
     * @param groupId the group
     * @return the schedules
     */
    List<TimeSchedule> schedules(String groupId);

    /**
     * Creates a time schedule.
     *
     * @param groupId the group
     * @param schedule the schedule (its id is ignored)
     * @return the schedule as SALTO stored it (end time with seconds)
     */
    TimeSchedule createSchedule(String groupId, TimeSchedule schedule);

    /**
     * Changes a time schedule.
     *
     * @param groupId the group
     * @param schedule the schedule, with its id
     * @return the schedule as SALTO stored it
     */
    TimeSchedule updateSchedule(String groupId, TimeSchedule schedule);

    /**
     * Deletes a time schedule.
     *
     * @param groupId the group
     * @param scheduleId the schedule
     */
    void deleteSchedule(String groupId, String scheduleId);
  }

  /**
   * An access group.
   *
   * @param id its id
   * @param name its name
   */
  public record AccessGroup(String id, String name) {}

  /**
   * When an access group's members may pass: between two local date-times of the site, on some days,
   * between two local times of day. A stay is modelled as every day, 00:00–23:59, with the real window in
   * the dates (as every public client does it). Times are the site's local times, without a zone.
   *
   * @param id its id, or null before it is created
   * @param from the first local date-time
   * @param until the last local date-time
   * @param days the days of the week
   * @param startTime the daily start
   * @param endTime the daily end (SALTO answers it with seconds)
   */
  public record TimeSchedule(@Nullable String id, LocalDateTime from, LocalDateTime until, Set<DayOfWeek> days,
      LocalTime startTime, LocalTime endTime) {
    /** Validates the fields. */
    public TimeSchedule {
      Checks.notNull("from", from);
      Checks.notNull("until", until);
      if (!from.isBefore(until)) {
        throw new IllegalArgumentException("from must be before until (got " + from + " and " + until + ")");
      }
      Checks.notNull("days", days);
      if (days.isEmpty()) {
        throw new IllegalArgumentException("days must name at least one day (SALTO refuses none with 1101)");
      }
      days = Set.copyOf(days);
      Checks.notNull("startTime", startTime);
      Checks.notNull("endTime", endTime);
      wholeSeconds("from", from.getNano());
      wholeSeconds("until", until.getNano());
      wholeSeconds("startTime", startTime.getNano());
      wholeSeconds("endTime", endTime.getNano());
    }

    private static void wholeSeconds(String field, int nanos) {
      if (nanos != 0) {
        throw new IllegalArgumentException(field + " has a fraction of a second; SALTO's schedules count whole"
            + " seconds: round it (a start up, an end down) before building the schedule");
      }
    }

    /**
     * Every day, all day, from {@code from} to {@code until}: a stay. A fraction of a second is rounded
     * inwards (the start up, the end down), so the schedule never lets a guest in earlier or later than the
     * window.
     *
     * @param from the stay's first local date-time
     * @param until its last
     * @return the schedule
     */
    public static TimeSchedule stay(LocalDateTime from, LocalDateTime until) {
      Checks.notNull("from", from);
      Checks.notNull("until", until);
      LocalDateTime start = from.getNano() == 0 ? from : from.withNano(0).plusSeconds(1);
      return new TimeSchedule(null, start, until.withNano(0), EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT,
          LocalTime.of(23, 59)); // SALTO reads an end minute as through its last second (answers 23:59:59)
    }

    /** The same schedule with an id. */
    public TimeSchedule withId(String id) {
      return new TimeSchedule(id, from, until, days, startTime, endTime);
    }
  }
}
