package nl.ireserve.saltoks.mapping;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.exception.StoreException;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.iq.PendingActivation;
import nl.ireserve.saltoks.mapping.internal.Args;
import nl.ireserve.saltoks.mapping.internal.CachedIqKeyStore;
import nl.ireserve.saltoks.mapping.internal.InMemoryIqKeyStore;

/**
 * Where the IQ keys made by activation (secret and PIN per IQ) live. Implementations must be
 * thread-safe and should encrypt at rest (the JDBC store does, with AES-GCM). Prove a custom one by
 * extending {@code nl.ireserve.saltoks.contracts.IqKeyStoreContract}.
 */
public interface IqKeyStore {
  /**
   * The key of an IQ.
   *
   * @param iqId the IQ's UUID
   * @return the key, or empty when none is stored
   * @throws StoreException when the store cannot be read, or a key cannot be decrypted
   */
  Optional<IqKey> find(String iqId);

  /**
   * Stores a key, replacing the IQ's previous one. The IQ's pending activation, if any, is removed in
   * the same write: the activation is complete.
   *
   * @param key the key
   */
  void save(IqKey key);

  /**
   * Keeps a pending activation (the IQ secret SALTO hands out once) until the activation completes,
   * encrypted like a key, replacing one for the same IQ. Called by {@code IqSetup.requestPin(iqId,
   * keys::savePending)} before the PIN e-mail is requested.
   *
   * @param pending the pending activation
   */
  void savePending(PendingActivation pending);

  /**
   * The pending activation of an IQ, to resume an activation (after a restart, or after the PIN e-mail
   * call failed).
   *
   * @param iqId the IQ's UUID
   * @return the pending activation, or empty when none is kept (never started, or completed)
   */
  Optional<PendingActivation> findPending(String iqId);

  /**
   * Removes an IQ's key.
   *
   * @param iqId the IQ's UUID
   * @return whether a key was removed
   */
  boolean delete(String iqId);

  /**
   * The IQs that have a key.
   *
   * @return their UUIDs, sorted
   */
  List<String> iqIds();

  /**
   * Drops whatever this store caches, so that the next read sees the stored keys. {@code AccessService}
   * calls it before an open when its {@code nl.ireserve.saltoks.access.AccessGuards} report that links
   * or IQ keys changed, on this instance or another (a re-activated IQ's new key). The default does
   * nothing (no cache); a caching store must override it.
   */
  default void refresh() {}

  /**
   * The site this store keeps the IQ keys of, when it is one of several sites' stores over shared storage
   * (the JDBC store is obtained for a site). {@code AccessService.build()} refuses a store of another site
   * than its own, so one customer's guest can never be served from another customer's IQ keys. The default is
   * empty: a store that belongs to whoever holds it, such as an in-memory store made for one site.
   *
   * @return the store's site, or empty when it is not scoped to one
   */
  default Optional<Site> site() {
    return Optional.empty();
  }

  /**
   * A store in memory: the default for a single process and for tests. Thread-safe; nothing survives
   * a restart.
   *
   * @return a new, empty store
   */
  static IqKeyStore inMemory() {
    return new InMemoryIqKeyStore();
  }

  /**
   * Caches {@link #find} (a database read and a decryption per opening otherwise) in front of {@code store}. Writes through the returned store invalidate their
   * entry at once; {@code ttl} bounds how long a change made elsewhere (another host instance on the
   * same database) stays unseen.
   *
   * @param store the store to cache
   * @param ttl how long a lookup is reused
   * @return the caching store
   */
  static IqKeyStore cached(IqKeyStore store, Duration ttl) {
    return cached(store, ttl, Clock.systemUTC());
  }

  /**
   * Like {@link #cached(IqKeyStore, Duration)}, with the clock expiry is measured on (tests move it).
   *
   * @param store the store to cache
   * @param ttl how long a lookup is reused
   * @param clock the clock
   * @return the caching store
   */
  static IqKeyStore cached(IqKeyStore store, Duration ttl, Clock clock) {
    return new CachedIqKeyStore(Args.notNull("store", store), Args.notNull("ttl", ttl), Args.notNull("clock", clock));
  }
}
