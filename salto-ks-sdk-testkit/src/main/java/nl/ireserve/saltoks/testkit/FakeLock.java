package nl.ireserve.saltoks.testkit;


/** A lock on the fake server. */
public final class FakeLock {
  private final FakeState state;
  private final SiteRec site;
  final LockRec rec;
  private final FakeIq iq;

  FakeLock(FakeState state, SiteRec site, LockRec rec, FakeIq iq) {
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
