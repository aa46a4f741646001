package nl.ireserve.saltoks.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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
import nl.ireserve.saltoks.access.AccessGuards;
import nl.ireserve.saltoks.access.DenialReason;
import nl.ireserve.saltoks.access.GuestAccessService;
import nl.ireserve.saltoks.access.OpenOutcome;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.iq.IqSetup.PendingActivation;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.mapping.ObjectLockLink;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contracts of the SDK's storage SPIs, one nested class each: {@link Mappings} for a {@link
 * nl.ireserve.saltoks.mapping.MappingStore}, {@link IqKeys} for an {@link
 * nl.ireserve.saltoks.mapping.IqKeyStore}, {@link Guards} for {@link AccessGuards}. Extend the one
 * for your implementation in your test sources; every test in it runs against yours. The SDK's own
 * stores pass them on PostgreSQL and in memory.
 */
public final class StoreContracts {
  /** The site every contract test uses. */
  public static final Site HOTEL = new Site("acceptance", "https://example.test/v1.2", "NL1",
      "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "Hotel", "Europe/Amsterdam");
  /** The second site of the isolation tests: another customer, the same object ids. */
  public static final Site SPORTS = new Site("acceptance", "https://example.test/v1.2", "NL2",
      "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", "Sports", "Europe/Amsterdam");

  private StoreContracts() {}

  /**
   * The contract of a {@link MappingStore}. Extend it in your test sources, implement {@link
   * #newStore(Site)}, and every test below runs against your store:
   *
   * <pre>{@code
   * class MyDbMappingStoreTest extends StoreContracts.Mappings {
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
  public abstract static class Mappings {
    /** Times are stored to the millisecond. */
    protected static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    private static final String ALPHA = "11111111-1111-4111-8111-111111111111";
    private static final String BRAVO = "22222222-2222-4222-8222-222222222222";
    private static final String CHARLIE = "44444444-4444-4444-8444-444444444444";

    /** The store under test. */
    protected MappingStore store;

    /**
     * A store for a site, with no links of that site. Called before each test for {@link
     * StoreContracts#HOTEL}, and by the isolation tests for {@link StoreContracts#SPORTS}; where your
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
          .isInstanceOfSatisfying(MappingStore.ConflictException.class,
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
          } catch (MappingStore.ConflictException e) {
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

  /**
   * The contract of an {@link IqKeyStore}. Extend it and implement {@link #newStore(Site)}; persistent
   * stores also override {@link #reopen}. Covers round trips, replacement, pending activations,
   * deletion, bad input, concurrent saves and isolation between two sites.
   */
  public abstract static class IqKeys {
    private static final String IQ1 = "aaaaaaaa-1111-4111-8111-111111111111";
    private static final String IQ2 = "bbbbbbbb-2222-4222-8222-222222222222";
    private static final String SITE = HOTEL.id();

    /** The store under test. */
    protected IqKeyStore store;

    /**
     * A store for a site, with no keys of that site. Called before each test for {@link
     * StoreContracts#HOTEL}, and by the isolation test for {@link StoreContracts#SPORTS}; where your
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

  /**
   * The contract of {@link AccessGuards}. Extend it, implement {@link #newGuards()}, and every test
   * below runs against your guards: claims and their duplicate window, truthful earlier attempts, the
   * throttle, the one-time check-in, the OTP single flight, the switch and the store generation, the
   * journal, 16 concurrent claimers, and isolation between two sites with the same ids.
   *
   * <pre>{@code
   * class MyGuardsTest extends StoreContracts.Guards {
   *   @Override
   *   protected AccessGuards newGuards() {
   *     return new MyGuards(freshSchema());
   *   }
   * }
   * }</pre>
   */
  public abstract static class Guards {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final String LOCK = "11111111-1111-4111-8111-111111111111";
    private static final String IQ = "33333333-3333-4333-8333-333333333333";
    private static final AccessGuards.ClaimRules RULES =
        new AccessGuards.ClaimRules(Duration.ofSeconds(10), Duration.ofMinutes(2), 3);

    /** The guards under test. */
    protected AccessGuards guards;

    /**
     * New, empty guards. Called before each test.
     *
     * @return the guards
     */
    protected abstract AccessGuards newGuards();

    @BeforeEach
    void fresh() {
      guards = newGuards();
    }

    private static AccessGuards.Attempt attempt(String reservation, Instant at) {
      return attempt(reservation, LOCK, at);
    }

    private static AccessGuards.Attempt attempt(String reservation, String lock, Instant at) {
      return new AccessGuards.Attempt(UUID.randomUUID().toString(), reservation, "room-101", lock,
          OpenOutcome.Status.IN_PROGRESS, List.of(), at, null, null);
    }

    private static AccessGuards.Attempt ended(AccessGuards.Attempt a, OpenOutcome.Status status, Instant at) {
      return new AccessGuards.Attempt(a.id(), a.reservationId(), a.objectId(), a.lockId(), status, List.of(),
          a.startedAt(), a.startedAt(), at);
    }

    @Test
    void remoteOpeningsLogged_isLearnedPerSite_andKept() {
      assertThat(guards.remoteOpeningsLogged(HOTEL)).isFalse();
      guards.learnRemoteOpeningsLogged(HOTEL);
      guards.learnRemoteOpeningsLogged(HOTEL);
      assertThat(guards.remoteOpeningsLogged(HOTEL)).isTrue();
      assertThat(guards.remoteOpeningsLogged(SPORTS)).isFalse();
      assertThat(guards.state(HOTEL).active()).as("learning does not touch the switch").isTrue();
    }

    @Test
    void aClaimInProgress_makesTheNextADuplicate_namingTheEarlierAttempt() {
      AccessGuards.Attempt first = attempt("res-1", T0);
      assertThat(guards.claim(HOTEL, first, RULES).result()).isEqualTo(AccessGuards.Claim.Result.CLAIMED);
      AccessGuards.Claim second = guards.claim(HOTEL, attempt("res-1", T0.plusSeconds(1)), RULES);
      assertThat(second.result()).isEqualTo(AccessGuards.Claim.Result.DUPLICATE);
      assertThat(second.earlier()).isNotNull();
      assertThat(second.earlier().id()).isEqualTo(first.id());
      assertThat(second.earlier().status()).isEqualTo(OpenOutcome.Status.IN_PROGRESS);
    }

    @Test
    void anOpening_holdsForTheWindowAfterItsAnswer_thenANewClaimIsPossible() {
      AccessGuards.Attempt first = attempt("res-1", T0);
      guards.claim(HOTEL, first, RULES);
      guards.settle(HOTEL, ended(first, OpenOutcome.Status.OPENED, T0.plusSeconds(2)));
      AccessGuards.Claim again = guards.claim(HOTEL, attempt("res-1", T0.plusSeconds(11)), RULES);
      assertThat(again.result()).isEqualTo(AccessGuards.Claim.Result.DUPLICATE);
      assertThat(again.earlier().status()).isEqualTo(OpenOutcome.Status.OPENED);
      assertThat(guards.claim(HOTEL, attempt("res-1", T0.plusSeconds(13)), RULES).result())
          .isEqualTo(AccessGuards.Claim.Result.CLAIMED);
    }

    @Test
    void anUnknownOutcome_holdsLikeAnOpening_andAFailureReleasesAtOnce() {
      AccessGuards.Attempt unknown = attempt("res-1", T0);
      guards.claim(HOTEL, unknown, RULES);
      guards.settle(HOTEL, ended(unknown, OpenOutcome.Status.UNKNOWN, T0.plusSeconds(1)));
      assertThat(guards.claim(HOTEL, attempt("res-1", T0.plusSeconds(5)), RULES).earlier().status())
          .isEqualTo(OpenOutcome.Status.UNKNOWN);

      AccessGuards.Attempt failed = attempt("res-2", T0);
      guards.claim(HOTEL, failed, RULES);
      guards.settle(HOTEL, ended(failed, OpenOutcome.Status.FAILED, T0.plusSeconds(1)));
      assertThat(guards.claim(HOTEL, attempt("res-2", T0.plusSeconds(2)), RULES).result())
          .isEqualTo(AccessGuards.Claim.Result.CLAIMED);
    }

    /**
     * Several instances settle one unknown opening from the entries at once: exactly one settles it (and
     * so records and reports it); a settled or unknown-to-the-journal attempt is never settled again.
     */
    @Test
    void journalOfLock_listsEveryReservationsAttemptsOnTheLock_inTheRange_oldestFirst() {
      String other = "22222222-2222-4222-8222-222222222222";
      AccessGuards.Attempt a = attempt("res-1", T0);
      AccessGuards.Attempt b = attempt("res-2", T0.plusSeconds(5));
      AccessGuards.Attempt elsewhere = attempt("res-3", other, T0.plusSeconds(6));
      AccessGuards.Attempt later = attempt("res-4", T0.plusSeconds(3600));
      for (AccessGuards.Attempt x : List.of(a, b, elsewhere, later)) {
        guards.claim(HOTEL, x, RULES);
      }
      guards.settle(HOTEL, ended(b, OpenOutcome.Status.OPENED, T0.plusSeconds(6)));

      List<AccessGuards.Attempt> onLock = guards.journalOfLock(HOTEL, LOCK, T0.minusSeconds(60), T0.plusSeconds(600));

      assertThat(onLock).extracting(AccessGuards.Attempt::reservationId).containsExactly("res-1", "res-2");
      assertThat(onLock.get(1).status()).isEqualTo(OpenOutcome.Status.OPENED);
      assertThat(guards.journalOfLock(SPORTS, LOCK, T0.minusSeconds(60), T0.plusSeconds(600)))
          .as("another site's journal").isEmpty();
      assertThatThrownBy(() -> guards.journalOfLock(HOTEL, LOCK, T0, T0)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("from");
    }

    @Test
    void settleUnknown_refusesANullAttempt_namingIt() {
      assertThatThrownBy(() -> guards.settleUnknown(HOTEL, null)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("attempt");
    }

    @Test
    void settleUnknown_exactlyOneOfManyAtOnce_andNeverASettledOne() throws Exception {
      AccessGuards.Attempt unknown = attempt("res-1", T0);
      guards.claim(HOTEL, unknown, RULES);
      guards.settle(HOTEL, ended(unknown, OpenOutcome.Status.UNKNOWN, T0.plusSeconds(1)));
      AccessGuards.Attempt notOpened = new AccessGuards.Attempt(unknown.id(), "res-1", "room-101", LOCK,
          OpenOutcome.Status.FAILED, List.of(DenialReason.Code.NOT_OPENED), T0, T0, T0.plusSeconds(1));
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> tries = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          tries.add(pool.submit(() -> {
            go.await();
            return guards.settleUnknown(HOTEL, notOpened);
          }));
        }
        go.countDown();
        int settled = 0;
        for (Future<Boolean> f : tries) {
          settled += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(settled).as("settlers that won").isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
      assertThat(guards.journal(HOTEL, "res-1")).singleElement().satisfies(a -> {
        assertThat(a.status()).isEqualTo(OpenOutcome.Status.FAILED);
        assertThat(a.reasons()).containsExactly(DenialReason.Code.NOT_OPENED);
      });
      assertThat(guards.claim(HOTEL, attempt("res-1", T0.plusSeconds(2)), RULES).result())
          .as("settled as not opened: the claim is released").isEqualTo(AccessGuards.Claim.Result.CLAIMED);

      AccessGuards.Attempt opened = attempt("res-2", T0);
      guards.claim(HOTEL, opened, RULES);
      guards.settle(HOTEL, ended(opened, OpenOutcome.Status.OPENED, T0.plusSeconds(1)));
      assertThat(guards.settleUnknown(HOTEL, ended(opened, OpenOutcome.Status.FAILED, T0.plusSeconds(1))))
          .as("an opening that was answered is not unknown").isFalse();
      assertThat(guards.journal(HOTEL, "res-2").get(0).status()).isEqualTo(OpenOutcome.Status.OPENED);
      assertThat(guards.settleUnknown(SPORTS, ended(attempt("res-3", T0), OpenOutcome.Status.OPENED, T0)))
          .as("not journaled").isFalse();
    }

    @Test
    void anAbandonedClaim_expiresAfterItsLease() {
      guards.claim(HOTEL, attempt("res-1", T0), RULES); // its host died: never settled
      assertThat(guards.claim(HOTEL, attempt("res-1", T0.plusSeconds(119)), RULES).result())
          .isEqualTo(AccessGuards.Claim.Result.DUPLICATE);
      assertThat(guards.claim(HOTEL, attempt("res-1", T0.plusSeconds(121)), RULES).result())
          .isEqualTo(AccessGuards.Claim.Result.CLAIMED);
    }

    @Test
    void theThrottle_countsClaimsOfOneLockInAnySixtySeconds() {
      for (int i = 0; i < 3; i++) {
        assertThat(guards.claim(HOTEL, attempt("res-" + i, T0.plusSeconds(i)), RULES).result())
            .isEqualTo(AccessGuards.Claim.Result.CLAIMED);
      }
      assertThat(guards.claim(HOTEL, attempt("res-9", T0.plusSeconds(59)), RULES).result())
          .isEqualTo(AccessGuards.Claim.Result.THROTTLED);
      assertThat(guards.claim(HOTEL, attempt("res-9", "22222222-2222-4222-8222-222222222222",
          T0.plusSeconds(59)), RULES).result()).as("another lock").isEqualTo(AccessGuards.Claim.Result.CLAIMED);
      assertThat(guards.claim(HOTEL, attempt("res-9", T0.plusSeconds(60)), RULES).result())
          .isEqualTo(AccessGuards.Claim.Result.CLAIMED);
    }

    @Test
    void sixteenConcurrentClaimers_oneWins() throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<AccessGuards.Claim.Result>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          results.add(pool.submit(() -> {
            go.await();
            return guards.claim(HOTEL, attempt("res-1", T0), RULES).result();
          }));
        }
        go.countDown();
        int won = 0;
        for (Future<AccessGuards.Claim.Result> f : results) {
          won += f.get(30, TimeUnit.SECONDS) == AccessGuards.Claim.Result.CLAIMED ? 1 : 0;
        }
        assertThat(won).isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    void theCheckIn_isDueExactlyOncePerReservation() {
      assertThat(guards.firstCheckIn(HOTEL, "res-1")).isTrue();
      assertThat(guards.firstCheckIn(HOTEL, "res-1")).isFalse();
      assertThat(guards.firstCheckIn(HOTEL, "res-2")).isTrue();
    }

    @Test
    void otpTurns_oneFirstAtATime_thenAllOrNone() {
      Duration lease = Duration.ofMinutes(1);
      assertThat(guards.otpTurn(HOTEL, IQ, "k1", T0, lease)).isEqualTo(AccessGuards.OtpTurn.FIRST);
      assertThat(guards.otpTurn(HOTEL, IQ, "k1", T0, lease)).isEqualTo(AccessGuards.OtpTurn.WAIT);
      guards.otpAnswered(HOTEL, IQ, "k1", null); // no answer: the next goes first
      assertThat(guards.otpTurn(HOTEL, IQ, "k1", T0, lease)).isEqualTo(AccessGuards.OtpTurn.FIRST);
      guards.otpAnswered(HOTEL, IQ, "k1", true);
      assertThat(guards.otpTurn(HOTEL, IQ, "k1", T0, lease)).isEqualTo(AccessGuards.OtpTurn.GO);

      assertThat(guards.otpTurn(HOTEL, IQ, "k2", T0, lease)).isEqualTo(AccessGuards.OtpTurn.FIRST);
      assertThat(guards.otpTurn(HOTEL, IQ, "k2", T0.plusSeconds(61), lease))
          .as("a first caller that died").isEqualTo(AccessGuards.OtpTurn.FIRST);
      guards.otpAnswered(HOTEL, IQ, "k2", false);
      assertThat(guards.otpTurn(HOTEL, IQ, "k2", T0, lease)).isEqualTo(AccessGuards.OtpTurn.REFUSED);
      guards.otpAnswered(HOTEL, IQ, "k1", false); // an accepted key refused later
      assertThat(guards.otpTurn(HOTEL, IQ, "k1", T0, lease)).isEqualTo(AccessGuards.OtpTurn.REFUSED);
    }

    @Test
    void theSwitchAndTheLinkGeneration() {
      AccessGuards.SiteState before = guards.state(HOTEL);
      assertThat(before.active()).isTrue();
      guards.setActive(HOTEL, false);
      assertThat(guards.state(HOTEL).active()).isFalse();
      guards.setActive(HOTEL, true);
      assertThat(guards.state(HOTEL).active()).isTrue();
      guards.storesChanged(HOTEL);
      assertThat(guards.state(HOTEL).storeGeneration()).isNotEqualTo(before.storeGeneration());
    }

    @Test
    void theJournal_keepsEveryAttemptOfAReservation_inOrder_withItsTimes() {
      AccessGuards.Attempt opened = attempt("res-1", T0);
      guards.claim(HOTEL, opened, RULES);
      guards.settle(HOTEL, ended(opened, OpenOutcome.Status.OPENED, T0.plusSeconds(1)));
      AccessGuards.Attempt denied = new AccessGuards.Attempt(UUID.randomUUID().toString(), "res-1", "room-101",
          null, OpenOutcome.Status.DENIED, List.of(DenialReason.Code.TOO_LATE, DenialReason.Code.THROTTLED),
          T0.plusSeconds(5), null, T0.plusSeconds(5));
      guards.record(HOTEL, denied);
      guards.record(HOTEL, new AccessGuards.Attempt(UUID.randomUUID().toString(), "res-2", "room-102", null,
          OpenOutcome.Status.DENIED, List.of(), T0, null, T0));

      List<AccessGuards.Attempt> journal = guards.journal(HOTEL, "res-1");
      assertThat(journal).extracting(AccessGuards.Attempt::status)
          .containsExactly(OpenOutcome.Status.OPENED, OpenOutcome.Status.DENIED);
      assertThat(journal.get(0).sentAt()).isEqualTo(T0);
      assertThat(journal.get(0).answeredAt()).isEqualTo(T0.plusSeconds(1));
      assertThat(journal.get(1)).isEqualTo(denied);
    }

    @Test
    void twoSitesWithTheSameIds_neverSeeEachOthersRows() {
      guards.claim(HOTEL, attempt("res-1", T0), RULES);
      assertThat(guards.claim(SPORTS, attempt("res-1", T0), RULES).result())
          .isEqualTo(AccessGuards.Claim.Result.CLAIMED);
      assertThat(guards.firstCheckIn(HOTEL, "res-1")).isTrue();
      assertThat(guards.firstCheckIn(SPORTS, "res-1")).isTrue();
      guards.otpAnswered(HOTEL, IQ, "k1", false);
      assertThat(guards.otpTurn(SPORTS, IQ, "k1", T0, Duration.ofMinutes(1))).isEqualTo(AccessGuards.OtpTurn.FIRST);
      guards.setActive(HOTEL, false);
      assertThat(guards.state(SPORTS).active()).isTrue();
      assertThat(guards.journal(SPORTS, "res-1")).hasSize(1);
      assertThat(guards.journal(HOTEL, "res-1")).hasSize(1);
    }
  }

  /**
   * The contract of a {@link GuestAccessService.GrantStore}. Extend it and implement {@link #newStore()}:
   * holds (one holder at a time, taken over after its lease, released only by its holder), saves,
   * deletion, ended grants, isolation between two sites, and 16 threads holding one record at once.
   */
  public abstract static class Grants {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final String LOCK = "11111111-1111-4111-8111-111111111111";

    /** The store under test. */
    protected GuestAccessService.GrantStore store;

    /**
     * A new, empty store (for both of the contract's sites). Called before each test.
     *
     * @return the store
     */
    protected abstract GuestAccessService.GrantStore newStore();

    @BeforeEach
    void fresh() {
      store = newStore();
    }

    private static GuestAccessService.Grant grant(String reservation, Instant until) {
      return new GuestAccessService.Grant(reservation, "room-101", LOCK, T0, until, GuestAccessService.State.NEW,
          null, null, null, null);
    }

    @Test
    void release_refusesAMissingOrBlankHolder_namingIt() {
      store.hold(HOTEL, grant("res-1", T0.plusSeconds(3600)), "a", T0, Duration.ofMinutes(2));
      for (String holder : new String[] {null, " ", "a\u0000b"}) {
        assertThatThrownBy(() -> store.release(HOTEL, "res-1", holder)).as(String.valueOf(holder))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holder");
      }
      assertThat(store.hold(HOTEL, grant("res-1", T0.plusSeconds(3600)), "b", T0.plusSeconds(1), Duration.ofMinutes(2)))
          .as("a's hold stands").isEmpty();
    }

    @Test
    void hold_createsTheRecord_oneHolderAtATime_andReleaseLetsTheNextIn() {
      GuestAccessService.Grant g = grant("res-1", T0.plusSeconds(3600));
      assertThat(store.hold(HOTEL, g, "a", T0, Duration.ofMinutes(2))).contains(g);
      assertThat(store.hold(HOTEL, g, "b", T0.plusSeconds(1), Duration.ofMinutes(2))).isEmpty();
      store.release(HOTEL, "res-1", "b"); // not b's to release
      assertThat(store.hold(HOTEL, g, "b", T0.plusSeconds(2), Duration.ofMinutes(2))).isEmpty();
      store.release(HOTEL, "res-1", "a");
      assertThat(store.hold(HOTEL, g, "b", T0.plusSeconds(3), Duration.ofMinutes(2))).contains(g);
      assertThat(store.hold(HOTEL, g, "c", T0.plusSeconds(200), Duration.ofMinutes(2)))
          .as("b's hold ran out: a crashed holder does not block forever").contains(g);
    }

    @Test
    void save_replacesTheRecord_andDeleteRemovesIt() {
      GuestAccessService.Grant g = grant("res-2", T0.plusSeconds(3600));
      store.hold(HOTEL, g, "a", T0, Duration.ofMinutes(2));
      GuestAccessService.Grant active = new GuestAccessService.Grant("res-2", "room-102",
          "22222222-2222-4222-8222-222222222222", T0, T0.plusSeconds(7200), GuestAccessService.State.ACTIVE,
          "33333333-3333-4333-8333-333333333333", "44444444-4444-4444-8444-444444444444", "group-1", "schedule-1");
      store.save(HOTEL, active);
      assertThat(store.find(HOTEL, "res-2")).contains(active);
      store.release(HOTEL, "res-2", "a");
      assertThat(store.hold(HOTEL, g, "b", T0, Duration.ofMinutes(2))).as("the record, not the fresh one")
          .contains(active);
      assertThat(store.delete(HOTEL, "res-2")).isTrue();
      assertThat(store.delete(HOTEL, "res-2")).isFalse();
      assertThat(store.find(HOTEL, "res-2")).isEmpty();
    }

    @Test
    void endedBefore_listsEndedGrants_earliestFirst_withinTheLimit() {
      for (int i = 1; i <= 5; i++) {
        store.save(HOTEL, grant("res-" + i, T0.plusSeconds(i * 60L)));
      }
      assertThat(store.endedBefore(HOTEL, T0.plusSeconds(180), 10)).extracting(GuestAccessService.Grant::reservationId)
          .containsExactly("res-1", "res-2", "res-3");
      assertThat(store.endedBefore(HOTEL, T0.plusSeconds(600), 2)).hasSize(2);
    }

    @Test
    void twoSites_sameReservationIds_eachSeeOnlyTheirOwn() {
      store.save(HOTEL, grant("res-1", T0.plusSeconds(60)));
      assertThat(store.find(SPORTS, "res-1")).isEmpty();
      assertThat(store.endedBefore(SPORTS, T0.plusSeconds(600), 10)).isEmpty();
      assertThat(store.hold(SPORTS, grant("res-1", T0.plusSeconds(120)), "x", T0, Duration.ofMinutes(2)))
          .as("another customer's res-1 is another record").hasValueSatisfying(
              g -> assertThat(g.until()).isEqualTo(T0.plusSeconds(120)));
      assertThat(store.delete(SPORTS, "res-1")).isTrue();
      assertThat(store.find(HOTEL, "res-1")).isPresent();
    }

    @Test
    void sixteenThreadsHoldingOneRecord_oneWins() throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(16);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        String holder = "h" + i;
        results.add(pool.submit(() -> {
          go.await();
          return store.hold(HOTEL, grant("res-9", T0.plusSeconds(60)), holder, T0, Duration.ofMinutes(2)).isPresent();
        }));
      }
      go.countDown();
      int won = 0;
      for (Future<Boolean> f : results) {
        won += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
      }
      pool.shutdown();
      assertThat(won).isEqualTo(1);
    }
  }
}
