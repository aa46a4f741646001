package nl.ireserve.saltoks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** A closed client refuses new requests, lets the ones in flight end, and releases exactly once, after them. */
class ClientGateTest {

  @Test
  void closedWithNothingInFlight_releasesAtOnce_once() {
    AtomicInteger released = new AtomicInteger();
    ClientGate gate = new ClientGate(released::incrementAndGet);
    assertThat(gate.enter()).isTrue();
    gate.exit();
    gate.close();
    gate.close();
    assertThat(released).hasValue(1);
    assertThat(gate.enter()).isFalse();
    assertThat(released).hasValue(1);
  }

  @Test
  void aRequestInFlight_keepsTheResourcesUntilItEnds() {
    AtomicInteger released = new AtomicInteger();
    ClientGate gate = new ClientGate(released::incrementAndGet);
    assertThat(gate.enter()).isTrue();
    gate.close();
    assertThat(released).as("still in flight").hasValue(0);
    assertThat(gate.enter()).as("a new request after close").isFalse();
    assertThat(released).hasValue(0);
    gate.exit();
    assertThat(released).hasValue(1);
  }

  /** 16 threads enter and exit while another closes: released once, and never while one is inside. */
  @RepeatedTest(200)
  void closeRacingManyRequests_releasesOnce_neverUnderARequest() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger entered = new AtomicInteger();
    AtomicInteger released = new AtomicInteger();
    AtomicInteger releasedUnderARequest = new AtomicInteger();
    ClientGate gate = new ClientGate(() -> {
      released.incrementAndGet();
      if (inside.get() > 0) {
        releasedUnderARequest.incrementAndGet();
      }
    });
    ExecutorService pool = Executors.newFixedThreadPool(17);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> workers = new ArrayList<>();
    for (int t = 0; t < 16; t++) {
      workers.add(pool.submit(() -> {
        start.await();
        int refused = 0;
        while (refused == 0) { // until the close is seen
          if (gate.enter()) {
            entered.incrementAndGet();
            inside.incrementAndGet();
            Thread.onSpinWait();
            inside.decrementAndGet();
            gate.exit();
          } else {
            refused++;
          }
        }
        return refused;
      }));
    }
    Future<?> closer = pool.submit(() -> {
      start.await();
      while (entered.get() < 1_000) { // close while requests come and go, not before they start
        Thread.onSpinWait();
      }
      gate.close();
      return null;
    });
    start.countDown();
    closer.get(10, TimeUnit.SECONDS);
    int refused = 0;
    for (Future<Integer> w : workers) {
      refused += w.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(released).hasValue(1);
    assertThat(releasedUnderARequest).hasValue(0);
    assertThat(gate.enter()).isFalse();
    assertThat(refused).as("every worker was refused once closed").isEqualTo(16);
  }
}
