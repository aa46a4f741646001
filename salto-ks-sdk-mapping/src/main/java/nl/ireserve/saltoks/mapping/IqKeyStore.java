package nl.ireserve.saltoks.mapping;

import java.util.List;
import java.util.Optional;
import nl.ireserve.saltoks.iq.IqKey;

/**
 * Where the IQ keys made by activation (secret and PIN per IQ) live. Implementations must be
 * thread-safe and should encrypt at rest (the JDBC store does, with AES-GCM). Prove a custom one by
 * extending {@code nl.ireserve.saltoks.testkit.IqKeyStoreContract}.
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
   * Stores a key, replacing the IQ's previous one.
   *
   * @param key the key
   */
  void save(IqKey key);

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
}
