package nl.ireserve.saltoks;

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
    DataSyncState dataSyncState) {}
