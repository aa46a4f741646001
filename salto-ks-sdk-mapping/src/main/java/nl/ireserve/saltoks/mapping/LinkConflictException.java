package nl.ireserve.saltoks.mapping;

import nl.ireserve.saltoks.exception.StoreException;

/**
 * The object is already linked to another lock (manual 2.3: "one object can only be linked to one
 * lock"). Nothing was changed. To move the object to another lock, call {@code relink} on purpose.
 */
public final class LinkConflictException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** The link that stays. */
  private final ObjectLockLink existing;

  /**
   * Creates the exception.
   *
   * @param existing the link that stays
   * @param requestedLockId the lock that was asked for
   */
  public LinkConflictException(ObjectLockLink existing, String requestedLockId) {
    super("Object " + existing.objectId() + " (" + existing.objectName() + ") is already linked to lock "
        + existing.lockName() + " (" + existing.lockId() + "); it was not linked to " + requestedLockId
        + ". One object can only be linked to one lock (manual 2.3): use relink to change it.", null);
    this.existing = existing;
  }

  /** The link that stays in place. */
  public ObjectLockLink existing() {
    return existing;
  }
}
