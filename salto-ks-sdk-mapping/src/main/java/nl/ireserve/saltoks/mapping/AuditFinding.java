package nl.ireserve.saltoks.mapping;

/**
 * One problem the mapping audit found, with the fix (manual problem 4, "wrong door opens").
 *
 * @param kind what is wrong
 * @param objectId the object concerned
 * @param objectName the object's name, or empty when unknown
 * @param lockId the lock concerned, or empty
 * @param lockName the lock's current name in SALTO (or the name saved with the link when the lock is
 *     gone), or empty
 * @param message what is wrong, in words
 * @param fix what to do
 */
public record AuditFinding(
    Kind kind,
    String objectId,
    String objectName,
    String lockId,
    String lockName,
    String message,
    String fix) {

  /** What the audit can find. */
  public enum Kind {
    /** The object is linked to a lock the site no longer has: its door cannot open. */
    LOCK_MISSING,
    /** Several objects share one lock: a guest of one opens the other's door. */
    LOCK_SHARED,
    /** The object has no lock: "without mapping, access will not work" (manual 2.4). */
    OBJECT_UNMAPPED,
    /** The lock was renamed in SALTO since it was linked: check it is still the right door. */
    LOCK_RENAMED
  }
}
