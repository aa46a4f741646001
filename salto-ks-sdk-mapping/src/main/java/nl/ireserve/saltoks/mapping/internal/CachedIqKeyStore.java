package nl.ireserve.saltoks.mapping.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.iq.PendingActivation;
import nl.ireserve.saltoks.mapping.IqKeyStore;

/**
 * {@link IqKeyStore#cached}: caches {@link IqKeyStore#find} in front of another store (a database
 * read and an AES-GCM decryption per opening otherwise). Writes through it invalidate the IQ's entry
 * at once. Thread-safe.
 */
public final class CachedIqKeyStore implements IqKeyStore {
  private final IqKeyStore delegate;
  private final ReadThrough<String, Optional<IqKey>> cache;

  /**
   * A cache in front of {@code delegate}.
   *
   * @param delegate the store
   * @param ttl how long a lookup is reused
   * @param clock the clock expiry is measured on
   */
  public CachedIqKeyStore(IqKeyStore delegate, Duration ttl, Clock clock) {
    this.delegate = Args.notNull("delegate", delegate);
    this.cache = new ReadThrough<>(Args.positive("ttl", ttl), Args.notNull("clock", clock), 100_000);
  }

  @Override
  public Optional<IqKey> find(String iqId) {
    return cache.get(Args.uuid("iqId", iqId), delegate::find);
  }

  @Override
  public void save(IqKey key) {
    cache.write(Args.notNull("key", key).iqId(), () -> {
      delegate.save(key);
      return null;
    });
  }

  @Override
  public void savePending(PendingActivation pending) {
    delegate.savePending(pending); // not cached: read once, at activation
  }

  /**
   * The cached key of an IQ, or {@code null} on a miss; never touches the store.
   *
   * @param iqId the IQ
   * @return the cached lookup, or null
   */
  public @org.jspecify.annotations.Nullable Optional<IqKey> peek(String iqId) {
    return cache.peek(iqId);
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
  public Optional<PendingActivation> findPending(String iqId) {
    return delegate.findPending(Args.uuid("iqId", iqId));
  }

  @Override
  public boolean delete(String iqId) {
    String id = Args.uuid("iqId", iqId);
    return cache.write(id, () -> delegate.delete(id));
  }

  @Override
  public List<String> iqIds() {
    return delegate.iqIds();
  }
}
