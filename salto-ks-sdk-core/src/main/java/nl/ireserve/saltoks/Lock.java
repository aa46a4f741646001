package nl.ireserve.saltoks;

import javax.annotation.Nullable;

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
    String id, String name, boolean online, LockedState lockedState, @Nullable LockIq iq) {}
