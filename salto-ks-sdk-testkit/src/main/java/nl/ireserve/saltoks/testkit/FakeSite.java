package nl.ireserve.saltoks.testkit;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import nl.ireserve.saltoks.testkit.internal.FakeState;
import nl.ireserve.saltoks.testkit.internal.FakeState.SiteRec;

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
    FakeLock lock = new FakeLock(state, state.addLock(rec, name, iq.rec), iq);
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
