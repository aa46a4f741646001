package nl.ireserve.saltoks.contracts;

import static nl.ireserve.saltoks.contracts.ContractSites.HOTEL;
import static nl.ireserve.saltoks.contracts.ContractSites.SPORTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.iq.PendingActivation;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of an {@link IqKeyStore}. Extend it and implement {@link #newStore(Site)}; persistent
 * stores also override {@link #reopen}. Covers round trips, replacement, pending activations,
 * deletion, bad input, concurrent saves and isolation between two sites.
 */
public abstract class IqKeyStoreContract {
  private static final String IQ1 = "aaaaaaaa-1111-4111-8111-111111111111";
  private static final String IQ2 = "bbbbbbbb-2222-4222-8222-222222222222";
  private static final String SITE = HOTEL.id();

  /** The store under test. */
  protected IqKeyStore store;

  /**
   * A store for a site, with no keys of that site. Called before each test for {@link
   * ContractSites#HOTEL}, and by the isolation test for {@link ContractSites#SPORTS}; where your
   * stores share storage between sites, return them over the same storage.
   *
   * @param site the site
   * @return the store
   */
  protected abstract IqKeyStore newStore(Site site);

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
    store = newStore(HOTEL);
  }

  @Test
  void aKeyNotYetProvenAtALock_keepsThatMark_untilItIsSavedProven() {
    IqKey unproven = new IqKey(IQ1, "a1b2c3d4e5f6g7h8", "4711", false);
    store.save(unproven);
    assertThat(reopen(store).find(IQ1)).hasValueSatisfying(k -> assertThat(k.provenAtLock()).isFalse());
    store.save(unproven.withProvenAtLock(true));
    assertThat(reopen(store).find(IQ1)).hasValueSatisfying(k -> assertThat(k.provenAtLock()).isTrue());
  }

  @Test
  void twoSites_eachSeeOnlyTheirOwnKeys() {
    IqKeyStore sports = newStore(SPORTS);
    IqKey hotelKey = new IqKey(IQ1, "a1b2c3d4e5f6g7h8", "0420");
    store.save(hotelKey);
    store.savePending(new PendingActivation(SITE, IQ2, "Q9x8W7v6U5t4S3r2"));
    assertThat(sports.find(IQ1)).isEmpty();
    assertThat(sports.iqIds()).isEmpty();
    assertThat(sports.findPending(IQ2)).isEmpty();
    assertThat(sports.delete(IQ1)).isFalse();
    sports.save(new IqKey(IQ2, "Z1y2X3w4V5u6T7s8", "9999"));
    assertThat(reopen(store).find(IQ1)).contains(hotelKey);
    assertThat(store.iqIds()).containsExactly(IQ1);
    assertThat(store.find(IQ2)).isEmpty();
    assertThat(store.findPending(IQ2)).isPresent(); // the other site's save ended nothing of this one
    assertThat(sports.iqIds()).containsExactly(IQ2);
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
    assertThatThrownBy(() -> store.save(null))
        .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class)
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
