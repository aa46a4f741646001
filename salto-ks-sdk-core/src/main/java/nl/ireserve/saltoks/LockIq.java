package nl.ireserve.saltoks;

/**
 * The IQ (gateway) a lock is attached to, as embedded in the lock.
 *
 * @param id the IQ's UUID
 * @param name the IQ's display name
 * @param online whether the IQ is online
 * @param otpEnabled whether one-time passwords are enabled on the IQ (remote opening needs them)
 */
public record LockIq(String id, String name, boolean online, boolean otpEnabled) {}
