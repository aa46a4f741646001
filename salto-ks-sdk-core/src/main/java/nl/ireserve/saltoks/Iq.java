package nl.ireserve.saltoks;

import nl.ireserve.saltoks.internal.Checks;

/**
 * An IQ: the gateway that connects locks to the SALTO cloud and checks one-time passwords.
 *
 * @param id the IQ's UUID
 * @param name the IQ's display name ({@code customer_reference})
 * @param online whether the IQ is online (the site needs an internet connection, manual problem 1)
 * @param state the IQ's state ({@code active} when paired)
 * @param otpEnabled whether one-time passwords are enabled (manual 1.4)
 * @param dataSyncState whether the IQ has the latest configuration
 */
public record Iq(
    String id,
    String name,
    boolean online,
    IqState state,
    boolean otpEnabled,
    DataSyncState dataSyncState) {

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
    public static DataSyncState fromWire(@org.jspecify.annotations.Nullable String wire) {
      return Checks.wireEnum(values(), wire, UNKNOWN);
    }
  }

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
    public static IqState fromWire(@org.jspecify.annotations.Nullable String wire) {
      return Checks.wireEnum(values(), wire, UNKNOWN);
    }
  }
}
