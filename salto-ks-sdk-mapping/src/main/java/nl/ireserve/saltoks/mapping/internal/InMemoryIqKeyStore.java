package nl.ireserve.saltoks.mapping.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.iq.PendingActivation;
import nl.ireserve.saltoks.mapping.IqKeyStore;

/**
 * An {@link IqKeyStore} in memory ({@link IqKeyStore#inMemory()}) (keys are lost at restart: for tests and demos; use the JDBC store,
 * which encrypts, in production). Thread-safe.
 */
public final class InMemoryIqKeyStore implements IqKeyStore, LocalStore {
  private final ConcurrentMap<String, IqKey> keys = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, PendingActivation> pending = new ConcurrentHashMap<>();

  @Override
  public Optional<IqKey> find(String iqId) {
    return Optional.ofNullable(keys.get(Args.uuid("iqId", iqId)));
  }

  @Override
  public void save(IqKey key) {
    Args.notNull("key", key);
    synchronized (this) { // the key and the end of its pending activation, together
      keys.put(key.iqId(), key);
      pending.remove(key.iqId());
    }
  }

  @Override
  public void savePending(PendingActivation activation) {
    Args.notNull("pending", activation);
    pending.put(activation.iqId(), activation);
  }

  @Override
  public Optional<PendingActivation> findPending(String iqId) {
    return Optional.ofNullable(pending.get(Args.uuid("iqId", iqId)));
  }

  @Override
  public boolean delete(String iqId) {
    return keys.remove(Args.uuid("iqId", iqId)) != null;
  }

  @Override
  public List<String> iqIds() {
    List<String> ids = new ArrayList<>(keys.keySet());
    ids.sort(null);
    return ids;
  }
}
