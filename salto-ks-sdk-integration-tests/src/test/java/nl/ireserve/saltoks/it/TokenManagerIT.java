package nl.ireserve.saltoks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.exception.SaltoAuthenticationException;
import nl.ireserve.saltoks.testkit.FakeClock;
import nl.ireserve.saltoks.testkit.FakeFault;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeRoute;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TokenManagerIT {
  static final FakeClock CLOCK = FakeClock.fixedAt(Instant.parse("2026-11-25T12:00:00Z"));

  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create(CLOCK);

  FakeSaltoKsServer fake;

  @BeforeEach
  void site() {
    fake = SALTO.server();
    fake.addSite("NL6254340082", "Hotel Demo", ZoneId.of("Europe/Amsterdam"));
  }

  @Test
  void hundredCalls_fetchOneToken() {
    SaltoKsClient client = SALTO.client();
    for (int i = 0; i < 100; i++) {
      assertThat(client.sites().list()).hasSize(1);
    }
    assertThat(fake.tokenRequests()).isEqualTo(1);
    assertThat(fake.requestCount(FakeRoute.LIST_SITES)).isEqualTo(100);
  }

  @Test
  void thirtyTwoThreadsStartingCold_fetchExactlyOneToken() throws Exception {
    SaltoKsClient client = SALTO.client();
    fake.faults().on(FakeRoute.TOKEN).next(1, FakeFault.delay(Duration.ofMillis(300)));
    ExecutorService pool = Executors.newFixedThreadPool(32);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      results.add(pool.submit(() -> {
        start.await();
        return client.sites().list().size();
      }));
    }
    start.countDown();
    for (Future<Integer> f : results) {
      assertThat(f.get(20, TimeUnit.SECONDS)).isEqualTo(1);
    }
    pool.shutdown();
    assertThat(fake.tokenRequests()).isEqualTo(1);
  }

  @Test
  void expiredToken_isRefreshedBeforeUse() {
    SaltoKsClient client = SALTO.client();
    client.sites().list();
    CLOCK.advance(Duration.ofMinutes(61));
    assertThat(client.sites().list()).hasSize(1);
    assertThat(fake.tokenRequests()).isEqualTo(2);
    assertThat(fake.requestCount(FakeRoute.LIST_SITES)).isEqualTo(2); // no 401 round trip
  }

  @Test
  void tokenInsideRefreshAheadWindow_isRefreshedAheadOfExpiry() {
    SaltoKsClient client = SALTO.client();
    client.sites().list();
    CLOCK.advance(Duration.ofMinutes(59).plusSeconds(30)); // 30 s before expiry, inside the 60 s window
    client.sites().list();
    assertThat(fake.tokenRequests()).isEqualTo(2);
  }

  @Test
  void a401_leadsToOneRefreshAndOneRetry() {
    SaltoKsClient client = SALTO.client();
    client.sites().list();
    fake.revokeTokens();
    assertThat(client.sites().list()).hasSize(1);
    assertThat(fake.tokenRequests()).isEqualTo(2);
    assertThat(fake.requestCount(FakeRoute.LIST_SITES)).isEqualTo(3);
  }

  @Test
  void a401ThatPersists_isNotALoop() {
    SaltoKsClient client = SALTO.client();
    fake.faults().on(FakeRoute.LIST_SITES).always(FakeFault.status(401));
    assertThatThrownBy(() -> client.sites().list())
        .isInstanceOfSatisfying(SaltoAuthenticationException.class, e -> {
          assertThat(e.reason()).isEqualTo(SaltoAuthenticationException.Reason.TOKEN_REJECTED);
          assertThat(e.status()).isEqualTo(401);
        })
        .hasMessageContaining("client id and secret");
    assertThat(fake.requestCount(FakeRoute.LIST_SITES)).isEqualTo(2);
    assertThat(fake.tokenRequests()).isEqualTo(2);
  }

  @Test
  void refreshFailure_keepsServingTheStillValidToken() {
    SaltoKsClient client = SALTO.client();
    client.sites().list();
    CLOCK.advance(Duration.ofMinutes(59).plusSeconds(30));
    fake.faults().on(FakeRoute.TOKEN).always(FakeFault.status(500));
    assertThat(client.sites().list()).hasSize(1);
    assertThat(client.sites().list()).hasSize(1);
    CLOCK.advance(Duration.ofMinutes(1));
    assertThatThrownBy(() -> client.sites().list()).hasMessageContaining("identity server");
  }
}
