package nl.ireserve.saltoks.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import nl.ireserve.saltoks.testkit.internal.FakeState;
import nl.ireserve.saltoks.testkit.internal.FakeState.SiteRec;
import org.jspecify.annotations.Nullable;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.testkit.internal.FakeState.IqRec;
import nl.ireserve.saltoks.testkit.internal.FakeState.LockRec;
import nl.ireserve.saltoks.testkit.FakeSite.FakeIq;

/** A site on the fake server; arrange its IQs and locks here. */
public final class FakeSite {
  private final FakeState state;
  final SiteRec rec;
  private final List<FakeIq> iqs = new ArrayList<>();
  private final List<FakeLock> locks = new ArrayList<>();

  FakeSite(FakeState state, SiteRec rec) {
    this.state = state;
    this.rec = rec;
  }

  /** The site's UUID. */
  public String id() {
    return rec.id;
  }

  /** The human site UID. */
  public String siteUid() {
    return rec.siteUid;
  }

  /** The site's name. */
  public String name() {
    return rec.name;
  }

  /** The site's time zone. */
  public ZoneId timeZone() {
    return rec.timeZone;
  }

  /**
   * Adds an IQ the service account has already activated with this secret and PIN.
   *
   * @param name display name
   * @param secret the IQ secret
   * @param pin the 4-digit PIN
   * @return the IQ
   */
  public synchronized FakeIq addIq(String name, String secret, String pin) {
    FakeIq iq = new FakeIq(state, state.addIq(rec, name, secret, pin, true));
    iqs.add(iq);
    return iq;
  }

  /**
   * Adds a fresh IQ, not yet activated by the service account: its secret can be fetched once, a PIN
   * is e-mailed on request, and setting a new PIN activates it (manual 1.4).
   *
   * @param name display name
   * @return the IQ
   */
  public synchronized FakeIq addUnactivatedIq(String name) {
    FakeIq iq = new FakeIq(state, state.addUnactivatedIq(rec, name));
    iqs.add(iq);
    return iq;
  }

  /**
   * Adds a lock attached to an IQ of this site.
   *
   * @param name display name, such as "Lock Alpha"
   * @param iq the IQ
   * @return the lock
   */
  public synchronized FakeLock addLock(String name, FakeIq iq) {
    FakeLock lock = new FakeLock(state, rec, state.addLock(rec, name, iq.rec), iq);
    locks.add(lock);
    return lock;
  }

  /**
   * Removes a lock, as when a door is taken out of the installation.
   *
   * @param lock the lock
   */
  public synchronized void removeLock(FakeLock lock) {
    state.update(() -> rec.locks.remove(lock.id()));
    locks.remove(lock);
  }

  /**
   * Sets whether the service account may use this site (false: 403 on its endpoints).
   *
   * @param accessible the state
   * @return this site
   */
  public FakeSite accessible(boolean accessible) {
    state.update(() -> rec.accessible = accessible);
    return this;
  }

  /**
   * Sets the service account's {@code remote_access} on this site (what {@code GET …/sites/{id}/me}
   * answers). Default true; remote opening needs it.
   *
   * @param remoteAccess the flag
   * @return this site
   */
  public FakeSite remoteAccess(boolean remoteAccess) {
    state.update(() -> rec.remoteAccess = remoteAccess);
    return this;
  }

  /**
   * The service account's platform user id on this site: what {@code GET …/sites/{id}/me} answers as
   * {@code user.id}, and the {@code user_id} of its remote openings in the entries.
   *
   * @return the id
   */
  public String serviceUserId() {
    return rec.serviceUserId;
  }

  /**
   * Sets whether remote openings show in this site's entries at all (default true, the spec's
   * expectation; no public record has shown one yet). False: a site that never logs them.
   *
   * @param logged the flag
   * @return this site
   */
  public FakeSite logsRemoteOpenings(boolean logged) {
    state.update(() -> rec.logsRemoteOpenings = logged);
    return this;
  }

  /**
   * Sets how long after a remote opening its entry is stored, and so becomes visible to {@code GET
   * …/entries} (default 0; measured: 1 to 79 s, in batches, out of order).
   *
   * @param lag the delay
   * @return this site
   */
  public FakeSite entryLag(Duration lag) {
    state.update(() -> rec.entryLag = lag);
    return this;
  }

  /**
   * Loses the entries of the next {@code count} remote openings: the door opened, the log never says so.
   *
   * @param count how many
   * @return this site
   */
  public FakeSite dropEntries(int count) {
    state.update(() -> rec.dropEntries = count);
    return this;
  }

  /**
   * Adds an entry to this site's log, stored (visible) from {@code at}: a tag or PIN opening, a
   * rejection, or anything else, with the raw values SALTO would send.
   *
   * @param lock the lock
   * @param category {@code event_category}, such as {@code lock_opened} or {@code lock_rejected}
   * @param detail {@code event_detail}, such as {@code no_access}, or null
   * @param accessBy {@code access_by}, such as {@code tag} or {@code pin_code}, or null
   * @param at when it happened
   * @return this site
   */
  public FakeSite addEntry(FakeLock lock, String category, @Nullable String detail, @Nullable String accessBy,
      Instant at) {
    state.addEntry(rec, category, detail, accessBy, lock.rec, accessBy == null ? null
        : "0000dead-0000-4000-8000-" + lock.id().substring(24), at, at);
    return this;
  }

  /**
   * Adds an entry by a given platform user, such as {@link #serviceUserId()} for a remote opening that
   * the service account made outside this SDK (the KS web app, another integration).
   *
   * @param lock the lock
   * @param category {@code event_category}
   * @param accessBy {@code access_by}, such as {@code remote}
   * @param at when it happened
   * @param userId the platform user id the entry carries
   * @return this site
   */
  public FakeSite addEntry(FakeLock lock, String category, @Nullable String accessBy, Instant at, String userId) {
    state.addEntry(rec, category, null, accessBy, lock.rec, userId, at, at);
    return this;
  }

  /**
   * Logs an incident of an IQ ({@code GET …/incidents}), visible at once, such as {@code
   * iq_connection_lost} or {@code iq_connection_restored}.
   *
   * @param iq the IQ
   * @param category {@code event_category}
   * @return this site
   */
  public FakeSite addIncident(FakeIq iq, String category) {
    state.update(() -> state.addIncident(rec, category, null, null, iq.rec));
    return this;
  }

  /**
   * Makes the site's lists lag behind its writes: a user, group, group lock or group member written less
   * than {@code lag} ago does not show in {@code GET …/users}, {@code …/access_groups} or a group's lists
   * yet, while reads by id and the doors see it at once (default: no lag).
   *
   * @param lag how long a write takes to show in the lists
   * @return this site
   */
  public FakeSite listLag(Duration lag) {
    state.update(() -> rec.listLag = lag);
    return this;
  }

  /**
   * Sets how many users the site's subscription allows (default 100). Beyond it a new guest is still
   * created (201), suspended: the measured trap of a full site.
   *
   * @param seats the user amount
   * @return this site
   */
  public FakeSite seats(int seats) {
    state.update(() -> rec.seats = seats);
    return this;
  }

  /**
   * Sets how long after its creation a user's {@code PUT …/pin} answers 403 2203 and joining a group
   * answers 404 2202 (measured: about a minute; default 0).
   *
   * @param delay the propagation delay
   * @return this site
   */
  public FakeSite propagationDelay(Duration delay) {
    state.update(() -> rec.propagation = delay);
    return this;
  }

  /**
   * The site's users now, the service account aside.
   *
   * @return a snapshot of each
   */
  public List<FakeUser> users() {
    synchronized (state) {
      List<FakeUser> out = new ArrayList<>();
      rec.users.values().forEach(u -> out.add(new FakeUser(u.id, u.userId, u.alias, u.subscriptionState.equals("suspended"),
          u.blocked, u.usePin, u.pin != null)));
      return out;
    }
  }

  /**
   * Takes a user's seat away, as SALTO does to a guest created on a full site (or an administrator
   * shrinking the subscription): its PIN stops opening until it is subscribed again.
   *
   * @param alias the user's alias ({@code ireserve:<reservation id>} for a guest the SDK made)
   * @param suspended whether it is suspended
   * @return this site
   * @throws IllegalArgumentException when no user has that alias
   */
  public FakeSite suspend(String alias, boolean suspended) {
    state.update(() -> {
      FakeState.UserRec u = rec.users.values().stream().filter(x -> x.alias.equals(alias)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no user with alias " + alias + " on site " + name()));
      u.subscriptionState = suspended ? "suspended" : "subscribed";
    });
    return this;
  }

  /** How many users hold a seat now. */
  public int seatsUsed() {
    synchronized (state) {
      return (int) rec.users.values().stream().filter(u -> u.subscriptionState.equals("subscribed")).count();
    }
  }

  /**
   * The site's access groups now, by name.
   *
   * @return their names
   */
  public List<String> accessGroups() {
    synchronized (state) {
      List<String> out = new ArrayList<>();
      rec.groups.values().forEach(g -> out.add(g.name));
      return out;
    }
  }

  /**
   * Whether a keypad PIN would open a lock at an instant: a user with that PIN, not blocked, with a seat
   * and {@code use_pin}, its PIN not expired, in an access group that has the lock and a time schedule
   * covering the site's local time then. What guest-access tests assert on.
   *
   * @param pin the PIN typed on the keypad
   * @param lock the lock
   * @param at the instant
   * @return whether the lock would open
   */
  public boolean pinOpens(String pin, FakeLock lock, Instant at) {
    return state.pinOpens(rec, pin, lock.rec, at);
  }

  /**
   * A site user, as the fake holds it.
   *
   * @param id the site-user id
   * @param userId the platform user id
   * @param alias the alias
   * @param suspended whether it has no seat
   * @param blocked whether it is blocked
   * @param usePin whether it may use a PIN
   * @param hasPin whether a PIN was generated
   */
  public record FakeUser(String id, String userId, String alias, boolean suspended, boolean blocked, boolean usePin,
      boolean hasPin) {}

  /** The site's IQs, in the order added. */
  public synchronized List<FakeIq> iqs() {
    return List.copyOf(iqs);
  }

  /** The site's locks, in the order added. */
  public synchronized List<FakeLock> locks() {
    return List.copyOf(locks);
  }

  /**
   * The lock with this name.
   *
   * @param name the lock's name
   * @return the lock
   */
  public synchronized FakeLock lock(String name) {
    return locks.stream().filter(l -> l.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no lock named " + name));
  }

  @Override
  public String toString() {
    return "FakeSite[" + rec.siteUid + ", " + rec.name + ", id=" + rec.id + "]";
  }

  /** An IQ on the fake server, with the service account's secret, PIN and activation. */
  public static final class FakeIq {
    private final FakeState state;
    final IqRec rec;

    FakeIq(FakeState state, IqRec rec) {
      this.state = state;
      this.rec = rec;
    }

    /** The IQ's UUID. */
    public String id() {
      return rec.id;
    }

    /** The IQ's name. */
    public String name() {
      return rec.name;
    }

    /** The IQ secret the fake checks one-time passwords against. */
    public String secret() {
      synchronized (state) {
        return rec.secret;
      }
    }

    /** The current PIN, or null before a PIN was e-mailed for a fresh IQ. */
    public @Nullable String pin() {
      synchronized (state) {
        return rec.pin;
      }
    }

    /** Whether the service account has activated this IQ. */
    public boolean activated() {
      synchronized (state) {
        return rec.activated;
      }
    }

    /** The key an activated IQ is opened with (secret and current PIN). */
    public IqKey key() {
      synchronized (state) {
        if (rec.pin == null) {
          throw new IllegalStateException("IQ " + rec.name + " has no PIN yet");
        }
        return new IqKey(rec.id, rec.secret, rec.pin);
      }
    }

    /** Whether the IQ is online. */
    public boolean isOnline() {
      synchronized (state) {
        return rec.online;
      }
    }

    /**
     * Sets whether the IQ is online.
     *
     * @param online the state
     * @return this IQ
     */
    public FakeIq online(boolean online) {
      state.update(() -> rec.online = online);
      return this;
    }

    /**
     * Sets whether one-time passwords are enabled on the IQ.
     *
     * @param enabled the state
     * @return this IQ
     */
    public FakeIq otpEnabled(boolean enabled) {
      state.update(() -> rec.otpEnabled = enabled);
      return this;
    }

    /** Gives the IQ a new secret, as activating it in the KS mobile app does: API OTPs then fail. */
    public FakeIq rotateSecret() {
      state.rotateSecret(rec);
      return this;
    }

    /**
     * Resets the service account's activation at this IQ, as SALTO support does on request (for
     * example after the account was activated in the mobile app): the API can read a new first secret
     * and have a new PIN e-mailed.
     *
     * @return this IQ
     */
    public FakeIq resetActivation() {
      state.resetActivation(rec);
      return this;
    }

    /** The PIN the IQ itself checks remote openings against (the cloud may have moved on). */
    public @Nullable String lockPin() {
      synchronized (state) {
        return rec.lockPin;
      }
    }

    /** How many one-time passwords for this IQ the fake received. */
    public int otpAttempts() {
      return state.otpAttempts(rec.id);
    }

    @Override
    public String toString() {
      return "FakeIq[" + rec.name + ", id=" + rec.id + "]";
    }
  }

  /** A lock on the fake server. */
  public static final class FakeLock {
    private final FakeState state;
    private final FakeState.SiteRec site;
    final LockRec rec;
    private final FakeIq iq;

    FakeLock(FakeState state, FakeState.SiteRec site, LockRec rec, FakeIq iq) {
      this.state = state;
      this.site = site;
      this.rec = rec;
      this.iq = iq;
    }

    /** The lock's UUID. */
    public String id() {
      return rec.id;
    }

    /** The lock's name. */
    public String name() {
      synchronized (state) {
        return rec.name;
      }
    }

    /**
     * Renames the lock in SALTO.
     *
     * @param name the new name
     * @return this lock
     */
    public FakeLock rename(String name) {
      state.update(() -> rec.name = name);
      return this;
    }

    /** The IQ the lock is attached to. */
    public FakeIq iq() {
      return iq;
    }

    /** Whether the lock is online. */
    public boolean isOnline() {
      synchronized (state) {
        return rec.online;
      }
    }

    /**
     * Sets whether the lock is online.
     *
     * @param online the state
     * @return this lock
     */
    public FakeLock online(boolean online) {
      state.update(() -> {
        if (rec.online != online) { // SALTO logs the change as an incident
          state.addIncident(site, online ? "lock_connection_restored" : "lock_connection_lost", null, rec, rec.iq);
        }
        rec.online = online;
      });
      return this;
    }

    /**
     * Sets the lock's type ({@code lock_type}, default {@code escutcheon_pin}); only {@code escutcheon_pin}
     * and {@code wall_reader_pin} have a keypad, so only they open for a PIN.
     *
     * @param lockType SALTO's value, such as {@code escutcheon} or {@code wall_reader_pin}
     * @return this lock
     */
    public FakeLock type(String lockType) {
      state.update(() -> rec.lockType = lockType);
      return this;
    }

    /**
     * Sets the battery level the lock reports ({@code battery_level}, default {@code fresh}); {@code low}
     * and {@code critical} also log a {@code low_battery_warning} incident.
     *
     * @param level critical, low, good, fresh, none or unknown
     * @return this lock
     */
    public FakeLock battery(String level) {
      state.update(() -> {
        rec.battery = level;
        if (level.equals("low") || level.equals("critical")) {
          state.addIncident(site, "low_battery_warning", null, rec, rec.iq);
        }
      });
      return this;
    }

    /**
     * Sets the locked state the lock reports ({@code locked_state}, default {@code locked}), such as {@code
     * locked_pending} or {@code office_mode_pending}.
     *
     * @param lockedState SALTO's value
     * @return this lock
     */
    public FakeLock lockedState(String lockedState) {
      state.update(() -> rec.lockedState = lockedState);
      return this;
    }

    /**
     * Sets privacy mode (the lock refuses keys until it is turned off inside).
     *
     * @param on the state
     * @return this lock
     */
    public FakeLock privacyMode(boolean on) {
      state.update(() -> rec.privacyMode = on);
      return this;
    }

    /**
     * Sets how the lock hangs on its IQ ({@code iq_link_state}, default {@code attached}).
     *
     * @param linkState attached, attached_pending, detached or detached_pending
     * @return this lock
     */
    public FakeLock iqLink(String linkState) {
      state.update(() -> rec.iqLinkState = linkState);
      return this;
    }

    /**
     * Logs an incident of this lock ({@code GET …/incidents}), visible at once.
     *
     * @param category {@code event_category}, such as {@code operation_not_completed} or {@code lock_reset}
     * @return this lock
     */
    public FakeLock incident(String category) {
      state.update(() -> state.addIncident(site, category, null, rec, rec.iq));
      return this;
    }

    @Override
    public String toString() {
      return "FakeLock[" + rec.name + ", id=" + rec.id + "]";
    }
  }
}
