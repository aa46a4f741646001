package nl.ireserve.saltoks.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.iq.IqSetup.PendingActivation;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of an {@link IqKeyStore}. Extend it and implement {@link #newStore()}; persistent
 * stores also override {@link #reopen}.
 */
public abstract class IqKeyStoreContract {
  private static final String IQ1 = "aaaaaaaa-1111-4111-8111-111111111111";
  private static final String IQ2 = "bbbbbbbb-2222-4222-8222-222222222222";
  private static final String SITE = "cccccccc-3333-4333-8333-333333333333";

  /** The store under test. */
  protected IqKeyStore store;

  /**
   * A new, empty store. Called before each test.
   *
   * @return the store
   */
  protected abstract IqKeyStore newStore();

  /**
   * A new instance over the same storage; the default returns the same one.
   *
   * @param store the store
   * @return a store that must see the same keys
   */
  protected IqKeyStore reopen(IqKeyStore store) {
    return store;
  }

  @BeforeEach
  void freshStore() {
    store = newStore();
  }

  @Test
  void emptyStore_findsNothing() {
    assertThat(store.find(IQ1)).isEmpty();
    assertThat(store.iqIds()).isEmpty();
    assertThat(store.delete(IQ1)).isFalse();
  }

  @Test
  void save_thenFind_roundTripsSecretAndPin() {
    IqKey key = new IqKey(IQ1, "a1b2c3d4e5f6g7h8", "0420");
    store.save(key);
    assertThat(store.find(IQ1)).contains(key);
    assertThat(reopen(store).find(IQ1)).contains(key);
  }

  @Test
  void save_replacesThePreviousKey() {
    store.save(new IqKey(IQ1, "a1b2c3d4e5f6g7h8", "1234"));
    store.save(new IqKey(IQ1, "Q9x8W7v6U5t4S3r2", "4711"));
    assertThat(reopen(store).find(IQ1)).contains(new IqKey(IQ1, "Q9x8W7v6U5t4S3r2", "4711"));
    assertThat(store.iqIds()).containsExactly(IQ1);
  }

  @Test
  void pendingActivation_survivesAReopen_andEndsWhenTheKeyIsSaved() {
    PendingActivation pending = new PendingActivation(SITE, IQ1, "a1b2c3d4e5f6g7h8");
    assertThat(store.findPending(IQ1)).isEmpty();
    store.savePending(pending);
    assertThat(reopen(store).findPending(IQ1)).contains(pending);
    assertThat(store.findPending(IQ2)).isEmpty();
    store.savePending(new PendingActivation(SITE, IQ1, "Q9x8W7v6U5t4S3r2")); // a newer one replaces it
    assertThat(reopen(store).findPending(IQ1)).hasValueSatisfying(
        p -> assertThat(p.secret()).isEqualTo("Q9x8W7v6U5t4S3r2"));
    store.save(new IqKey(IQ1, "Q9x8W7v6U5t4S3r2", "1234"));
    assertThat(reopen(store).findPending(IQ1)).isEmpty();
    assertThat(store.find(IQ1)).isPresent();
  }

  @Test
  void delete_removesOnlyThatIq() {
    store.save(new IqKey(IQ1, "a1b2c3d4e5f6g7h8", "1234"));
    store.save(new IqKey(IQ2, "Q9x8W7v6U5t4S3r2", "4711"));
    assertThat(store.delete(IQ1)).isTrue();
    assertThat(store.find(IQ1)).isEmpty();
    assertThat(store.iqIds()).containsExactly(IQ2);
  }

  @Test
  void badInput_isRefusedNamingTheField() {
    assertThatThrownBy(() -> store.find("IQ Lobby")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("iqId");
    assertThatThrownBy(() -> store.save(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("key");
  }

  @Test
  void concurrentSavesOfOneIq_leaveOneWholeKey() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<?>> results = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      String pin = String.format("%04d", i);
      results.add(pool.submit(() -> store.save(new IqKey(IQ1, "secret" + pin + "xxxxxx", pin))));
    }
    for (Future<?> f : results) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    IqKey k = store.find(IQ1).orElseThrow();
    assertThat(k.secret()).isEqualTo("secret" + k.pin() + "xxxxxx"); // never a mix of two writes
    assertThat(store.iqIds()).containsExactly(IQ1);
  }
}
