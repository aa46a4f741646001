package nl.ireserve.saltoks.mapping;

import javax.annotation.Nullable;

/**
 * A lock as the mapping screen lists it (manual 2.2, step 2: "choose the correct SALTO lock from the
 * list").
 *
 * @param lockId the lock's UUID
 * @param name the lock's name in SALTO KS
 * @param online whether the lock is online
 * @param iqId the IQ it is attached to, if any
 * @param iqName the IQ's name, if any
 */
public record LockChoice(
    String lockId, String name, boolean online, @Nullable String iqId, @Nullable String iqName) {}
