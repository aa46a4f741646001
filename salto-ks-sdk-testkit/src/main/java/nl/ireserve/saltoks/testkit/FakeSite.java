package nl.ireserve.saltoks.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

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
      UserRec u = rec.users.values().stream().filter(x -> x.alias.equals(alias)).findFirst()
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

}
