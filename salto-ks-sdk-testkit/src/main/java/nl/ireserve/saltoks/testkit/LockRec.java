package nl.ireserve.saltoks.testkit;


/** A lock, with what it reports about its health ({@code LockResponse}). */
final class LockRec {
  public final String id;
  public String name;
  public final IqRec iq;
  public boolean online = true;
  /** {@code lock_type}: only {@code escutcheon_pin} and {@code wall_reader_pin} have a keypad. */
  public String lockType = "escutcheon_pin";
  /** {@code locked_state}: {@code locked}, {@code locked_pending}, {@code office_mode_pending}, … */
  public String lockedState = "locked";
  /** {@code battery_level}: critical, low, good, fresh, none, unknown. */
  public String battery = "fresh";
  public boolean privacyMode;
  public boolean leftOpenAlarm;
  public boolean intrusionAlarm;
  /** {@code iq_link_state}: attached, attached_pending, detached, detached_pending. */
  public String iqLinkState = "attached";
  public int offlineKeys;
  public int offlineKeysLimit = 10;

  /** Whether PIN codes can open it. */
  public boolean hasKeypad() {
    return lockType.endsWith("_pin");
  }

  LockRec(String id, String name, IqRec iq) {
    this.id = id;
    this.name = name;
    this.iq = iq;
  }
}
