package nl.ireserve.saltoks;

import nl.ireserve.saltoks.internal.Checks;

/** Whether an IQ has the latest configuration. Values SALTO adds later read as {@link #UNKNOWN}. */
public enum DataSyncState {
  /** SALTO's {@code synced}. */
  SYNCED,
  /** SALTO's {@code pending}. */
  PENDING,
  /** SALTO's {@code not_synced}. */
  NOT_SYNCED,
  /** SALTO's {@code failed}. */
  FAILED,
  /** A value this SDK version does not know. */
  UNKNOWN;

  /**
   * Reads SALTO's wire value ({@code snake_case}); unknown or missing values give {@link #UNKNOWN}.
   *
   * @param wire the JSON value, may be {@code null}
   * @return the matching constant
   */
  public static DataSyncState fromWire(@javax.annotation.Nullable String wire) {
    return Checks.wireEnum(values(), wire, UNKNOWN);
  }
}
