package nl.ireserve.saltoks;

import nl.ireserve.saltoks.internal.Checks;

/** The state of an IQ. Values SALTO adds later read as {@link #UNKNOWN}. */
public enum IqState {
  /** SALTO's {@code active}. */
  ACTIVE,
  /** SALTO's {@code inactive}. */
  INACTIVE,
  /** A value this SDK version does not know. */
  UNKNOWN;

  /**
   * Reads SALTO's wire value ({@code snake_case}); unknown or missing values give {@link #UNKNOWN}.
   *
   * @param wire the JSON value, may be {@code null}
   * @return the matching constant
   */
  public static IqState fromWire(@javax.annotation.Nullable String wire) {
    return Checks.wireEnum(values(), wire, UNKNOWN);
  }
}
