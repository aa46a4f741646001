package nl.ireserve.saltoks;

import nl.ireserve.saltoks.internal.Checks;

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
  public static LockedState fromWire(@javax.annotation.Nullable String wire) {
    return Checks.wireEnum(values(), wire, UNKNOWN);
  }
}
