package nl.ireserve.saltoks.contracts;

import static nl.ireserve.saltoks.contracts.ContractSites.HOTEL;
import static nl.ireserve.saltoks.contracts.ContractSites.SPORTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.ireserve.saltoks.access.GuestGrant;
import nl.ireserve.saltoks.access.GuestGrantStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link GuestGrantStore}. Extend it and implement {@link #newStore()}:
 * holds (one holder at a time, taken over after its lease, released only by its holder), saves,
 * deletion, ended grants, isolation between two sites, and 16 threads holding one record at once.
 */
public abstract class GuestGrantStoreContract {
  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
  private static final String LOCK = "11111111-1111-4111-8111-111111111111";

  /** The store under test. */
  protected GuestGrantStore store;

  /**
   * A new, empty store (for both of the contract's sites). Called before each test.
   *
   * @return the store
   */
  protected abstract GuestGrantStore newStore();

  @BeforeEach
  void fresh() {
    store = newStore();
  }

  private static GuestGrant grant(String reservation, Instant until) {
    return new GuestGrant(reservation, "room-101", LOCK, T0, until, GuestGrant.State.NEW,
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
    GuestGrant g = grant("res-1", T0.plusSeconds(3600));
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
    GuestGrant g = grant("res-2", T0.plusSeconds(3600));
    store.hold(HOTEL, g, "a", T0, Duration.ofMinutes(2));
    GuestGrant active = new GuestGrant("res-2", "room-102",
        "22222222-2222-4222-8222-222222222222", T0, T0.plusSeconds(7200), GuestGrant.State.ACTIVE,
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
    assertThat(store.endedBefore(HOTEL, T0.plusSeconds(180), 10)).extracting(GuestGrant::reservationId)
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
