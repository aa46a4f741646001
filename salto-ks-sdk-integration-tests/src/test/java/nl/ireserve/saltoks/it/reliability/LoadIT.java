package nl.ireserve.saltoks.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeLock;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeOpening;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** 200 concurrent openings over 50 locks: all succeed, one token, bounded connections, no thread left. */
class LoadIT {
  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create();

  @Test
  void twoHundredConcurrentOpenings_overFiftyLocks() throws Exception {
    FakeSaltoKsServer fake = SALTO.server();
    FakeSite site = fake.addSite("NL6254340082", "Hotel", ZoneId.of("Europe/Amsterdam"));
    List<FakeLock> locks = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      FakeIq iq = site.addIq("IQ " + i, "a1b2c3d4e5f6g7h" + i, "123" + i);
      for (int j = 0; j < 10; j++) {
        locks.add(site.addLock("Lock " + i + "-" + j, iq));
      }
    }
    Set<String> threadsBefore = threadNames();
    int maxConcurrent = 16;
    AtomicInteger maxConnections = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(64);
    try (SaltoKsClient client = fake.clientBuilder().maxConcurrentRequests(maxConcurrent).build()) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> openings = new ArrayList<>();
      for (int n = 0; n < 200; n++) {
        FakeLock lock = locks.get(n % locks.size());
        openings.add(pool.submit(() -> {
          start.await();
          client.site(SALTO.server().site(site)).locks().open(lock.id(), lock.iq().key());
          maxConnections.accumulateAndGet(client.openConnections(), Math::max);
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : openings) {
        f.get(60, TimeUnit.SECONDS);
      }
      assertThat(fake.openings()).hasSize(200);
      assertThat(fake.openings().stream().collect(Collectors.groupingBy(FakeOpening::lockId, Collectors.counting())))
          .hasSize(50).allSatisfy((lock, count) -> assertThat(count).isEqualTo(4L));
      assertThat(fake.tokenRequests()).as("one token fetch per token lifetime").isEqualTo(1);
      assertThat(maxConnections.get()).as("connections bounded by maxConcurrentRequests")
          .isBetween(1, maxConcurrent + 8);
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
    Set<String> left = threadNames();
    left.removeAll(threadsBefore);
    // Allowed, with the reason: the fake server's Jetty threads (qtp…, Connector-Scheduler…) and this
    // test's executor (pool-…) are not the client's; OkHttp's TaskRunner and Okio's Watchdog are
    // JVM-wide shared daemon threads of those libraries that end by themselves when idle.
    List<String> sharedDaemons = List.of("OkHttp TaskRunner", "Okio Watchdog");
    List<String> notTheClients = List.of("qtp", "Connector-Scheduler", "pool-");
    assertThat(left.stream()
            .filter(t -> sharedDaemons.stream().noneMatch(t::startsWith))
            .filter(t -> notTheClients.stream().noneMatch(t::startsWith)))
        .as("threads the client left behind after close()").isEmpty();
    assertThat(Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.isAlive() && sharedDaemons.stream().anyMatch(t.getName()::startsWith)))
        .as("shared OkHttp/Okio threads are daemons").allSatisfy(t -> assertThat(t.isDaemon()).isTrue());
  }

  private static Set<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .collect(Collectors.toSet());
  }
}
