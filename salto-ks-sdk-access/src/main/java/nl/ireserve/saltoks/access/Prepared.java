package nl.ireserve.saltoks.access;

import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.mapping.ObjectLockLink;
import org.jspecify.annotations.Nullable;

/**
 * Everything decided before anything is sent: the decision with every reason, and — as far as they were
 * found — the object's link, its lock's name and the IQ key. {@link Readiness} makes it; the opening's later
 * stages only read it.
 *
 * @param decision the decision
 * @param link the link, or null when the object is unmapped (or the store failed)
 * @param lockName the lock's name as SALTO has it (the link's when SALTO was not read)
 * @param key the IQ key, or null when none is stored (or it was not looked for)
 */
record Prepared(AccessDecision decision, @Nullable ObjectLockLink link, @Nullable String lockName,
    @Nullable IqKey key) {
  @Nullable String lockId() {
    return link == null ? null : link.lockId();
  }
}
