package nl.ireserve.saltoks.contracts;

import static nl.ireserve.saltoks.contracts.ContractSites.HOTEL;
import static nl.ireserve.saltoks.contracts.ContractSites.SPORTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.ireserve.saltoks.access.AccessGuards;
import nl.ireserve.saltoks.access.DenialReason;
import nl.ireserve.saltoks.access.OpenOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link AccessGuards}. Extend it, implement {@link #newGuards()}, and every test
 * below runs against your guards: claims and their duplicate window, truthful earlier attempts, the
 * throttle, the one-time check-in, the OTP single flight, the switch and the store generation, the
 * journal, 16 concurrent claimers, and isolation between two sites with the same ids.
 *
 * <pre>{@code
 * class MyGuardsTest extends AccessGuardsContract {
 *   @Override
 *   protected AccessGuards newGuards() {
 *     return new MyGuards(freshSchema());
 *   }
 * }
 * }</pre>
 */
public abstract class AccessGuardsContract {
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
