package nl.ireserve.saltoks;

import org.jspecify.annotations.Nullable;
import nl.ireserve.saltoks.internal.Checks;

/**
 * A lock (door) of a site.
 *
 * @param id the lock's UUID
 * @param name the lock's display name ({@code customer_reference}), such as "Lock Alpha"
 * @param online whether the lock is reachable
 * @param lockedState the last reported locked state
 * @param iq the IQ (gateway) the lock is attached to, or {@code null} when it has none
 */
public record Lock(
    String id, String name, boolean online, LockedState lockedState, @Nullable LockIq iq) {

  /** The locked state a lock reports. Values SALTO adds later read as {@link #UNKNOWN}. */
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
