package nl.ireserve.saltoks;

import java.util.ArrayList;
import java.util.List;
import nl.ireserve.saltoks.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A lock (door) of a site, with what it last reported about its health ({@code LockResponse},
 * salto-ks-api.md §4.2, §10).
 *
 * @param id the lock's UUID
 * @param name the lock's display name ({@code customer_reference}), such as "Lock Alpha"
 * @param online whether the lock is reachable
 * @param lockedState the last reported locked state
 * @param iq the IQ (gateway) the lock is attached to, or {@code null} when it has none
 * @param type what kind of lock it is ({@code lock_type}): only the {@code *_PIN} kinds have a keypad
 * @param health battery, alarms, privacy mode, the IQ link and offline keys, as last reported
 */
public record Lock(
    String id, String name, boolean online, LockedState lockedState, @Nullable LockIq iq, Type type,
    Health health) {

  /** Validates the fields. */
  public Lock {
    Checks.notNull("id", id);
    Checks.notNull("name", name);
    Checks.notNull("lockedState", lockedState);
    Checks.notNull("type", type);
    Checks.notNull("health", health);
  }

  /**
   * A lock whose type and health were not reported (an older answer, a test).
   *
   * @param id the lock's UUID
   * @param name its name
   * @param online whether it is reachable
   * @param lockedState its locked state
   * @param iq its IQ, or null
   */
  public Lock(String id, String name, boolean online, LockedState lockedState, @Nullable LockIq iq) {
    this(id, name, online, lockedState, iq, Type.UNKNOWN, Health.UNREPORTED);
  }

  /**
   * Whether a guest's PIN code can open this lock: only locks with a keypad ({@link Type#hasKeypad()}).
   *
   * @return whether it has a keypad
   */
  public boolean takesPinCodes() {
    return type.hasKeypad();
  }

  /**
   * What may keep this door from opening now, one sentence each, most serious first: the lock or its IQ
   * offline, then its {@link #healthProblems()}. Empty when nothing is known to be wrong.
   *
   * @return the problems, for a person
   */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    if (!online) {
      out.add("lock " + name + " is offline (not reachable through its IQ)");
    }
    if (iq == null) {
      out.add("lock " + name + " has no IQ");
    } else if (!iq.online()) {
      out.add("IQ " + iq.name() + " of lock " + name + " is offline");
    }
    out.addAll(healthProblems());
    return List.copyOf(out);
  }

  /**
   * What the lock reports about itself that needs attention, besides being online: a state still pending
   * on the lock, a critical or low battery, privacy mode, an IQ link that is not attached, an alarm. One
   * sentence each, most serious first; empty when none.
   *
   * @return the problems, for a person
   */
  public List<String> healthProblems() {
    List<String> out = new ArrayList<>();
    if (lockedState == LockedState.LOCKED_PENDING || lockedState == LockedState.OFFICE_MODE_PENDING) {
      out.add("lock " + name + " has a change still pending (" + lockedState.name().toLowerCase(java.util.Locale.ROOT)
          + "): it has not yet applied its last command");
    }
    if (health.battery() == Battery.CRITICAL) {
      out.add("the battery of lock " + name + " is critical: replace it; the lock may stop opening");
    } else if (health.battery() == Battery.LOW) {
      out.add("the battery of lock " + name + " is low: replace it soon");
    }
    if (health.privacyMode()) {
      out.add("lock " + name + " is in privacy mode: it refuses every key until the inside turns it off");
    }
    if (health.iqLink() == IqLink.DETACHED || health.iqLink() == IqLink.DETACHED_PENDING) {
      out.add("lock " + name + " is detached from its IQ: remote opening cannot reach it");
    } else if (health.iqLink() == IqLink.ATTACHED_PENDING) {
      out.add("lock " + name + " is still being attached to its IQ");
    }
    if (health.leftOpenAlarm()) {
      out.add("lock " + name + " reports its door left open");
    }
    if (health.intrusionAlarm()) {
      out.add("lock " + name + " reports an intrusion alarm");
    }
    return List.copyOf(out);
  }

  /** The locked state a lock reports ({@code LockState}). Values SALTO adds later read as {@link #UNKNOWN}. */
  public enum LockedState {
    /** SALTO's {@code none}. */
    NONE,
    /** SALTO's {@code locked}. */
    LOCKED,
    /** SALTO's {@code office_mode}. */
    OFFICE_MODE,
    /** SALTO's {@code uncertain}. */
    UNCERTAIN,
    /** SALTO's {@code unlocked}. */
    UNLOCKED,
    /** SALTO's {@code locked_pending}: a lock command has not reached the lock yet. */
    LOCKED_PENDING,
    /** SALTO's {@code office_mode_pending}: an office-mode change has not reached the lock yet. */
    OFFICE_MODE_PENDING,
    /** A value this SDK version does not know. */
    UNKNOWN;

    /**
     * Reads SALTO's wire value ({@code snake_case}); unknown or missing values give {@link #UNKNOWN}.
     *
     * @param wire the JSON value, may be {@code null}
     * @return the matching constant
     */
    public static LockedState fromWire(@Nullable String wire) {
      return Checks.wireEnum(values(), wire, UNKNOWN);
    }
  }

  /** What kind of lock it is ({@code LockType}). */
  public enum Type {
    /** SALTO's {@code none}. */
    NONE,
    /** An escutcheon without a keypad. */
    ESCUTCHEON,
    /** A cylinder. */
    CYLINDER,
    /** A wall reader without a keypad. */
    WALL_READER,
    /** A locker lock. */
    LOCKER_LOCK,
    /** An escutcheon with a PIN keypad. */
    ESCUTCHEON_PIN,
    /** A wall reader with a PIN keypad. */
    WALL_READER_PIN,
    /** SALTO's {@code unknown}, a value this SDK version does not know, or none reported. */
    UNKNOWN;

    /**
     * Whether this kind has a PIN keypad ({@code escutcheon_pin}, {@code wall_reader_pin}).
     *
     * @return whether PIN codes can open it
     */
    public boolean hasKeypad() {
      return this == ESCUTCHEON_PIN || this == WALL_READER_PIN;
    }

    /**
     * Reads SALTO's wire value; unknown or missing values give {@link #UNKNOWN}.
     *
     * @param wire the JSON value, may be {@code null}
     * @return the matching constant
     */
    public static Type fromWire(@Nullable String wire) {
      return Checks.wireEnum(values(), wire, UNKNOWN);
    }
  }

  /**
   * A lock's battery ({@code BatteryStates}). A BLE lock reads it only when it is operated, and the value
   * settles over several openings: slow and coarse.
   */
  public enum Battery {
    /** Replace now. */
    CRITICAL,
    /** Replace soon. */
    LOW,
    /** Good. */
    GOOD,
    /** New. */
    FRESH,
    /** SALTO's {@code none}: no battery reading. */
    NONE,
    /** SALTO's {@code unknown}, a value this SDK version does not know, or none reported. */
    UNKNOWN;

    /**
     * Reads SALTO's wire value; unknown or missing values give {@link #UNKNOWN}.
     *
     * @param wire the JSON value, may be {@code null}
     * @return the matching constant
     */
    public static Battery fromWire(@Nullable String wire) {
      return Checks.wireEnum(values(), wire, UNKNOWN);
    }
  }

  /** How the lock hangs on its IQ ({@code IqLinkState}). */
  public enum IqLink {
    /** Attached: remote commands reach it. */
    ATTACHED,
    /** Being attached. */
    ATTACHED_PENDING,
    /** Detached. */
    DETACHED,
    /** Being detached. */
    DETACHED_PENDING,
    /** A value this SDK version does not know, or none reported. */
    UNKNOWN;

    /**
     * Reads SALTO's wire value; unknown or missing values give {@link #UNKNOWN}.
     *
     * @param wire the JSON value, may be {@code null}
     * @return the matching constant
     */
    public static IqLink fromWire(@Nullable String wire) {
      return Checks.wireEnum(values(), wire, UNKNOWN);
    }
  }

  /**
   * What a lock last reported about its health.
   *
   * @param battery the battery level
   * @param privacyMode whether privacy mode is on (the lock refuses keys until it is turned off inside)
   * @param leftOpenAlarm whether the door is reported left open
   * @param intrusionAlarm whether an intrusion alarm is active
   * @param iqLink how the lock hangs on its IQ
   * @param offlineKeys keys with guaranteed offline access to this lock, or null when not reported
   * @param offlineKeysLimit how many such keys the lock takes, or null when not reported
   */
  public record Health(Battery battery, boolean privacyMode, boolean leftOpenAlarm, boolean intrusionAlarm,
      IqLink iqLink, @Nullable Integer offlineKeys, @Nullable Integer offlineKeysLimit) {
    /** Nothing reported. */
    public static final Health UNREPORTED = new Health(Battery.UNKNOWN, false, false, false, IqLink.UNKNOWN, null,
        null);

    /** Validates the fields. */
    public Health {
      Checks.notNull("battery", battery);
      Checks.notNull("iqLink", iqLink);
    }
  }

  /**
   * The IQ (gateway) a lock is attached to, as embedded in the lock.
   *
   * @param id the IQ's UUID
   * @param name the IQ's display name
   * @param online whether the IQ is online
   * @param otpEnabled whether one-time passwords are enabled on the IQ (remote opening needs them)
   */
  public record LockIq(String id, String name, boolean online, boolean otpEnabled) {}
}
