package nl.ireserve.saltoks.mapping;

import java.util.List;
import java.util.Optional;

/**
 * Where object → lock links live. One object has at most one lock, and an implementation must keep it
 * so atomically, also under concurrent writers (the JDBC store does it with a primary key). One lock
 * may serve several objects; {@link MappingService#audit} reports that as a "wrong door" risk.
 *
 * <p>Implementations must be thread-safe. Prove a custom one by extending {@code
 * nl.ireserve.saltoks.testkit.MappingStoreContract} from the testkit.
 */
public interface MappingStore {
  /**
   * The link of an object.
   *
   * @param objectId the object's id
   * @return the link, or empty when the object is not mapped
   * @throws StoreException when the store cannot be read
   */
  Optional<ObjectLockLink> findByObject(String objectId);

  /**
   * The links to a lock.
   *
   * @param lockId the lock's UUID
   * @return every object linked to it
   */
  List<ObjectLockLink> findByLock(String lockId);

  /**
   * Every link.
   *
   * @return the links, ordered by object id
   */
  List<ObjectLockLink> all();

  /**
   * Links an object that has no lock yet. Linking it again to the same lock changes nothing.
   *
   * @param link the link
   * @return the stored link (the existing one when it was already linked to that lock)
   * @throws MappingConflictException when the object is already linked to another lock; use {@link
   *     #relink} to replace it on purpose
   */
  ObjectLockLink link(ObjectLockLink link);

  /**
   * Links an object to a lock, replacing the lock it had (the explicit way to change a link).
   *
   * @param link the new link
   * @return the stored link
   */
  ObjectLockLink relink(ObjectLockLink link);

  /**
   * Removes an object's link.
   *
   * @param objectId the object's id
   * @return whether a link was removed
   */
  boolean unlink(String objectId);
}
