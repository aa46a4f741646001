package nl.ireserve.saltoks.mapping.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import nl.ireserve.saltoks.mapping.LinkConflictException;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.mapping.ObjectLockLink;

/**
 * A {@link MappingStore} in memory ({@link MappingStore#inMemory()}): the default for a single process and for tests. The one-lock rule
 * is kept atomically per object. Thread-safe; lookups are lock-free.
 */
public final class InMemoryMappingStore implements MappingStore, LocalStore {
  private final ConcurrentMap<String, ObjectLockLink> byObject = new ConcurrentHashMap<>();

  @Override
  public Optional<ObjectLockLink> findByObject(String objectId) {
    return Optional.ofNullable(byObject.get(Args.text("objectId", objectId, 200)));
  }

  @Override
  public List<ObjectLockLink> findByLock(String lockId) {
    String id = Args.uuid("lockId", lockId);
    return byObject.values().stream().filter(l -> l.lockId().equals(id))
        .sorted(Comparator.comparing(ObjectLockLink::objectId)).collect(Collectors.toList());
  }

  @Override
  public List<ObjectLockLink> all() {
    List<ObjectLockLink> out = new ArrayList<>(byObject.values());
    out.sort(Comparator.comparing(ObjectLockLink::objectId));
    return out;
  }

  @Override
  public ObjectLockLink link(ObjectLockLink link) {
    Args.notNull("link", link);
    ObjectLockLink stored = byObject.putIfAbsent(link.objectId(), link);
    if (stored == null) {
      return link;
    }
    if (stored.lockId().equals(link.lockId())) {
      return stored;
    }
    throw new LinkConflictException(stored, link.lockId());
  }

  @Override
  public ObjectLockLink relink(ObjectLockLink link) {
    Args.notNull("link", link);
    byObject.put(link.objectId(), link);
    return link;
  }

  @Override
  public boolean unlink(String objectId) {
    return byObject.remove(Args.text("objectId", objectId, 200)) != null;
  }
}
