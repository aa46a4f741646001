package nl.ireserve.saltoks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeLock;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeOpening;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The extension keeps its server and client in JUnit's store, so tests that run at the same time
 * never see each other's fake: four tests run concurrently (they wait up to 5 s for each other, so
 * that they overlap when JUnit's pool gives them threads at once), then each opens its own lock and
 * finds exactly its own opening, site and client.
 */
@Execution(ExecutionMode.CONCURRENT)
class FakeSaltoKsExtensionParallelIT {
  private static final CyclicBarrier TOGETHER = new CyclicBarrier(4);

  @RegisterExtension
  final FakeSaltoKsExtension salto = FakeSaltoKsExtension.create();

  @RepeatedTest(4)
  void concurrentTests_eachHaveTheirOwnFake(RepetitionInfo repetition) throws Exception {
    String uid = "NL000000000" + repetition.getCurrentRepetition();
    FakeSite site = salto.server().addSite(uid, "Hotel " + uid, ZoneId.of("UTC"));
    FakeIq iq = site.addIq("IQ " + uid, "a1b2c3d4e5f6g7h8", "1234");
    FakeLock lock = site.addLock("Lock " + uid, iq);
    try {
      TOGETHER.await(5, TimeUnit.SECONDS); // best effort: overlap when the pool runs them together
    } catch (TimeoutException | BrokenBarrierException e) {
      // JUnit ran them in fewer threads; the isolation below must hold either way
    }

    salto.site(site).locks().open(lock.id(), iq.key());

    assertThat(salto.client().sites().list()).singleElement()
        .satisfies(s -> assertThat(s.siteUid()).isEqualTo(uid));
    assertThat(salto.server().openings()).extracting(FakeOpening::lockName).containsExactly("Lock " + uid);
  }
}
