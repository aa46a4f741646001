package nl.ireserve.saltoks.mapping;

import java.time.Instant;
import nl.ireserve.saltoks.mapping.internal.Args;

/**
 * One i-Reserve object linked to one SALTO lock (manual 2.2: "Room 101 → Lock Alpha").
 *
 * @param objectId the host's id of the object (at most 200 characters)
 * @param objectName the object's display name, such as "Room 101"
 * @param lockId the SALTO lock's UUID
 * @param lockName the lock's name when it was linked, such as "Lock Alpha" (for display; SALTO's
 *     current name may differ)
 * @param linkedAt when the link was made
 */
public record ObjectLockLink(
    String objectId, String objectName, String lockId, String lockName, Instant linkedAt) {

  /** Validates every field. */
  public ObjectLockLink {
    Args.text("objectId", objectId, 200);
    Args.name("objectName", objectName, 200);
    lockId = Args.uuid("lockId", lockId);
    Args.name("lockName", lockName, 200);
    Args.notNull("linkedAt", linkedAt);
  }
}
