package nl.ireserve.saltoks.contracts;

import static nl.ireserve.saltoks.contracts.ContractSites.HOTEL;
import static nl.ireserve.saltoks.contracts.ContractSites.SPORTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.mapping.LinkConflictException;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.mapping.ObjectLockLink;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link MappingStore}. Extend it in your test sources, implement {@link
 * #newStore(Site)}, and every test below runs against your store:
 *
 * <pre>{@code
 * class MyDbMappingStoreTest extends MappingStoreContract {
 *   @Override
 *   protected MappingStore newStore(Site site) {
 *     return new MyDbMappingStore(sharedSchema(), site); // emptied for that site
 *   }
 * }
 * }</pre>
 *
 * <p>Covers lookups, the one-lock-per-object rule (also under 16 concurrent writers), explicit
 * relinking, unlinking, shared locks, isolation between two sites with the same object ids, and — for
 * persistent stores that override {@link #reopen} — that links survive a new store instance.
 */
public abstract class MappingStoreContract {
  /** Times are stored to the millisecond. */
  protected static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

  private static final String ALPHA = "11111111-1111-4111-8111-111111111111";
  private static final String BRAVO = "22222222-2222-4222-8222-222222222222";
  private static final String CHARLIE = "44444444-4444-4444-8444-444444444444";

  /** The store under test. */
  protected MappingStore store;

  /**
   * A store for a site, with no links of that site. Called before each test for {@link
   * ContractSites#HOTEL}, and by the isolation tests for {@link ContractSites#SPORTS}; where your
   * stores share storage between sites (one database), return them over the same storage.
   *
   * @param site the site
   * @return the store
   */
  protected abstract MappingStore newStore(Site site);

  /**
   * A new instance over the same storage, for persistent stores; the default returns the same one.
   *
   * @param store the store
   * @return a store that must see the same links
   */
  protected MappingStore reopen(MappingStore store) {
    return store;
  }

  @BeforeEach
  void freshStore() {
    store = newStore(HOTEL);
  }

  private static ObjectLockLink link(String objectId, String lockId) {
    return new ObjectLockLink(objectId, "Room " + objectId, lockId, "Lock " + lockId.charAt(0), T0);
  }

  @Test
  void emptyStore_findsNothing() {
    assertThat(store.findByObject("room-101")).isEmpty();
    assertThat(store.findByLock(ALPHA)).isEmpty();
    assertThat(store.all()).isEmpty();
    assertThat(store.unlink("room-101")).isFalse();
  }

  @Test
  void link_thenFind_returnsEveryField() {
    ObjectLockLink l = new ObjectLockLink("room-101", "Room 101", ALPHA, "Lock Alpha", T0.plusMillis(123));
    store.link(l);
    assertThat(store.findByObject("room-101")).contains(l);
    assertThat(reopen(store).findByObject("room-101")).contains(l);
  }

  @Test
  void manualExample_room101ToAlpha_room102ToBravo() {
    store.link(new ObjectLockLink("room-101", "Room 101", ALPHA, "Lock Alpha", T0));
    store.link(new ObjectLockLink("room-102", "Room 102", BRAVO, "Lock Bravo", T0));
    assertThat(store.findByObject("room-101").orElseThrow().lockName()).isEqualTo("Lock Alpha");
    assertThat(store.findByObject("room-102").orElseThrow().lockName()).isEqualTo("Lock Bravo");
    assertThat(store.all()).extracting(ObjectLockLink::objectId).containsExactly("room-101", "room-102");
  }

  @Test
  void linkingAgainToTheSameLock_changesNothing() {
    ObjectLockLink first = store.link(link("room-101", ALPHA));
    ObjectLockLink again = store.link(new ObjectLockLink("room-101", "Room 101", ALPHA, "Lock A", T0.plusSeconds(5)));
    assertThat(again).isEqualTo(first);
    assertThat(store.all()).hasSize(1);
  }

  @Test
  void linkingToAnotherLock_isAConflict_andKeepsTheFirstLink() {
    store.link(link("room-101", ALPHA));
    assertThatThrownBy(() -> store.link(link("room-101", BRAVO)))
        .isInstanceOfSatisfying(LinkConflictException.class,
            e -> assertThat(e.existing().lockId()).isEqualTo(ALPHA))
        .hasMessageContaining("already linked")
        .hasMessageContaining("relink");
    assertThat(store.findByObject("room-101").orElseThrow().lockId()).isEqualTo(ALPHA);
  }

  @Test
  void relink_replacesTheLockOnPurpose() {
    store.link(link("room-101", ALPHA));
    store.relink(link("room-101", BRAVO));
    assertThat(store.findByObject("room-101").orElseThrow().lockId()).isEqualTo(BRAVO);
    assertThat(store.findByLock(ALPHA)).isEmpty();
    assertThat(store.all()).hasSize(1);
  }

  @Test
  void relink_ofAnUnlinkedObject_links() {
    store.relink(link("room-101", ALPHA));
    assertThat(store.findByObject("room-101")).isPresent();
  }

  @Test
  void unlink_removesOnlyThatObject() {
    store.link(link("room-101", ALPHA));
    store.link(link("room-102", BRAVO));
    assertThat(store.unlink("room-101")).isTrue();
    assertThat(store.unlink("room-101")).isFalse();
    assertThat(store.findByObject("room-101")).isEmpty();
    assertThat(reopen(store).findByObject("room-102")).isPresent();
  }

  @Test
  void oneLockForSeveralObjects_isAllowedAndListedByLock() {
    store.link(link("room-101", ALPHA));
    store.link(link("room-101b", ALPHA));
    assertThat(store.findByLock(ALPHA)).extracting(ObjectLockLink::objectId)
        .containsExactly("room-101", "room-101b");
  }

  @Test
  void badInput_isRefusedNamingTheField() {
    assertThatThrownBy(() -> store.findByLock("Lock Alpha")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lockId");
    assertThatThrownBy(() -> store.link(null))
        .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class)
        .hasMessageContaining("link");
  }

  @Test
  void sixteenThreadsLinkingOneObjectToDifferentLocks_leaveExactlyOneLink() throws Exception {
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    List<String> locks = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      String lock = UUID.randomUUID().toString();
      locks.add(lock);
      results.add(pool.submit(() -> {
        start.await();
        try {
          store.link(link("room-101", lock));
          return true;
        } catch (LinkConflictException e) {
          return false;
        }
      }));
    }
    start.countDown();
    int won = 0;
    for (Future<Boolean> f : results) {
      won += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
    }
    pool.shutdown();
    assertThat(won).isEqualTo(1);
    assertThat(store.all()).hasSize(1);
    assertThat(locks).contains(store.findByObject("room-101").orElseThrow().lockId());
  }

  @Test
  void sixteenThreadsLinkingDifferentObjects_allSucceed() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<ObjectLockLink>> results = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      String object = "room-" + (100 + i);
      results.add(pool.submit(() -> store.link(link(object, ALPHA))));
    }
    for (Future<ObjectLockLink> f : results) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(store.all()).hasSize(64);
    assertThat(store.findByLock(ALPHA)).hasSize(64);
  }

  @Test
  void twoSitesWithTheSameObjectIds_eachSeeOnlyTheirOwn() {
    MappingStore sports = newStore(SPORTS);
    store.site().ifPresent(s -> assertThat(s.id()).isEqualTo(HOTEL.id()));
    sports.site().ifPresent(s -> assertThat(s.id()).isEqualTo(SPORTS.id()));
    store.link(link("room-101", ALPHA));
    sports.link(link("room-101", BRAVO)); // another customer's room-101: no conflict
    sports.link(link("court-1", BRAVO));
    assertThat(store.findByObject("room-101").orElseThrow().lockId()).isEqualTo(ALPHA);
    assertThat(sports.findByObject("room-101").orElseThrow().lockId()).isEqualTo(BRAVO);
    assertThat(store.findByObject("court-1")).isEmpty();
    assertThat(store.findByLock(BRAVO)).isEmpty();
    assertThat(sports.findByLock(ALPHA)).isEmpty();
    assertThat(store.all()).extracting(ObjectLockLink::objectId).containsExactly("room-101");
    assertThat(sports.all()).extracting(ObjectLockLink::objectId).containsExactly("court-1", "room-101");
    sports.relink(link("room-101", CHARLIE));
    assertThat(sports.unlink("court-1")).isTrue();
    assertThat(store.unlink("court-1")).isFalse();
    assertThat(reopen(store).findByObject("room-101").orElseThrow().lockId()).isEqualTo(ALPHA);
    assertThat(store.all()).hasSize(1);
    assertThat(sports.findByObject("room-101").orElseThrow().lockId()).isEqualTo(CHARLIE);
  }

  /** Rounds an instant to what every store keeps (milliseconds). */
  protected static Instant millis(Instant t) {
    return t.truncatedTo(ChronoUnit.MILLIS);
  }
}
