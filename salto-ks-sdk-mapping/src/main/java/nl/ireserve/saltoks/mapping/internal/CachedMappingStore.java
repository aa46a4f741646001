package nl.ireserve.saltoks.mapping.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.mapping.ObjectLockLink;

/**
 * {@link MappingStore#cached}: caches {@link MappingStore#findByObject}, the lookup on the door-open
 * path, in front of another store. Writes through it invalidate the object's entry at once; the
 * time-to-live makes several host instances that share one database converge on changes made by the
 * others. Lists are not cached. Thread-safe.
 */
public final class CachedMappingStore implements MappingStore {
  private final MappingStore delegate;
  private final ReadThrough<String, Optional<ObjectLockLink>> cache;

  /**
   * A cache in front of {@code delegate}.
   *
   * @param delegate the store
   * @param ttl how long a lookup is reused
   * @param clock the clock expiry is measured on
   */
  public CachedMappingStore(MappingStore delegate, Duration ttl, Clock clock) {
    this.delegate = Args.notNull("delegate", delegate);
    this.cache = new ReadThrough<>(Args.positive("ttl", ttl), Args.notNull("clock", clock), 1_000_000);
  }

  @Override
  public Optional<ObjectLockLink> findByObject(String objectId) {
    return cache.get(Args.text("objectId", objectId, 200), delegate::findByObject);
  }

  /**
   * The cached lookup of an object, or {@code null} on a miss; never touches the store, so the door-open
   * path takes a hit on its own thread, without a time limit.
   *
   * @param objectId the object
   * @return the cached lookup, or null
   */
  public @org.jspecify.annotations.Nullable Optional<ObjectLockLink> peek(String objectId) {
    return cache.peek(objectId);
  }

  @Override
  public Optional<Site> site() {
    return delegate.site();
  }

  @Override
  public void refresh() {
    cache.clear();
    delegate.refresh();
  }

  @Override
  public List<ObjectLockLink> findByLock(String lockId) {
    return delegate.findByLock(Args.uuid("lockId", lockId));
  }

  @Override
  public List<ObjectLockLink> all() {
    return delegate.all();
  }

  @Override
  public ObjectLockLink link(ObjectLockLink link) {
    return cache.write(Args.notNull("link", link).objectId(), () -> delegate.link(link));
  }

  @Override
  public ObjectLockLink relink(ObjectLockLink link) {
    return cache.write(Args.notNull("link", link).objectId(), () -> delegate.relink(link));
  }

  @Override
  public boolean unlink(String objectId) {
    return cache.write(Args.text("objectId", objectId, 200), () -> delegate.unlink(objectId));
  }
}
