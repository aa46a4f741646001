package nl.ireserve.saltoks.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.ireserve.saltoks.RetryPolicy;
import nl.ireserve.saltoks.SaltoEnvironment;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.exception.SaltoRateLimitedException;
import nl.ireserve.saltoks.exception.SaltoServerException;
import nl.ireserve.saltoks.exception.SaltoTransportException;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.testkit.FakeFault;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeRoute;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RetryPolicyIT {
  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create();

  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  FakeSaltoKsServer fake;
  FakeSite site;

  @BeforeEach
  void arrange() {
    fake = SALTO.server();
    site = fake.addSite("NL6254340082", "Hotel", ZoneId.of("UTC"));
  }

  private SaltoKsClient client(RetryPolicy.Builder policy) {
    return fake.clientBuilder().retryPolicy(policy.sleeper(sleeps::add).build()).build();
  }

  @Test
  void retryAfterSeconds_isHonouredExactly() {
    try (SaltoKsClient c = client(RetryPolicy.builder())) {
      c.authenticate();
      fake.faults().on(FakeRoute.LIST_SITES).next(1, FakeFault.tooManyRequests("7"));
      assertThat(c.sites().list()).hasSize(1);
      assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    }
  }

  @Test
  void retryAfterHttpDate_isReadAgainstTheServersDate() {
    try (SaltoKsClient c = client(RetryPolicy.builder())) {
      c.authenticate();
      String inFiveSeconds = DateTimeFormatter.RFC_1123_DATE_TIME
          .format(SALTO.clock().instant().plusSeconds(5).atOffset(ZoneOffset.UTC));
      fake.faults().on(FakeRoute.LIST_SITES).next(1, FakeFault.unavailable(inFiveSeconds));
      assertThat(c.sites().list()).hasSize(1);
      assertThat(sleeps).singleElement().satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(6)));
    }
  }

  @Test
  void retryAfterBeyondTheCap_failsAtOnce_sayingHowLongSaltoAsked() {
    try (SaltoKsClient c = client(RetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(10)))) {
      c.authenticate();
      fake.faults().on(FakeRoute.LIST_SITES).next(1, FakeFault.tooManyRequests("120"));
      assertThatThrownBy(() -> c.sites().list())
          .isInstanceOfSatisfying(SaltoRateLimitedException.class,
              e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(120)));
      assertThat(sleeps).isEmpty();
      assertThat(fake.requestCount(FakeRoute.LIST_SITES)).isEqualTo(1);
    }
  }

  @Test
  void backoff_growsExponentiallyWithJitter_upToMaxAttempts() {
    try (SaltoKsClient c = client(RetryPolicy.builder().maxAttempts(4).initialBackoff(Duration.ofMillis(100))
        .maxBackoff(Duration.ofMillis(250)))) {
      c.authenticate();
      fake.faults().on(FakeRoute.LIST_SITES).always(FakeFault.status(503));
      assertThatThrownBy(() -> c.sites().list()).isInstanceOfSatisfying(SaltoServerException.class,
          e -> assertThat(e.attempts()).isEqualTo(4));
      assertThat(fake.requestCount(FakeRoute.LIST_SITES)).isEqualTo(4);
      assertThat(sleeps).hasSize(3);
      assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
      assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
      assertThat(sleeps.get(2)).isBetween(Duration.ofMillis(125), Duration.ofMillis(250)); // capped
    }
  }

  @Test
  void overallDeadline_stopsRetriesThatWouldStartTooLate() {
    try (SaltoKsClient c = client(RetryPolicy.builder().maxAttempts(10).overallDeadline(Duration.ofSeconds(5)))) {
      c.authenticate();
      fake.faults().on(FakeRoute.LIST_SITES).always(FakeFault.tooManyRequests("3"));
      assertThatThrownBy(() -> c.sites().list()).isInstanceOf(SaltoRateLimitedException.class);
      assertThat(sleeps).containsExactly(Duration.ofSeconds(3)); // a second 3 s wait would end past 5 s
    }
  }

  @Test
  void connectFailure_isRetriedForEveryCall_includingAnOpen_becauseNothingWasSent() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String base = "http://127.0.0.1:" + closedPort;
    try (SaltoKsClient c = SaltoKsClient.builder()
        .environment(SaltoEnvironment.custom(base + "/identity", base + "/api"))
        .tokenManager(new nl.ireserve.saltoks.spi.TokenManager() {
          @Override public nl.ireserve.saltoks.spi.TokenManager.AccessToken token() {
            return new nl.ireserve.saltoks.spi.TokenManager.AccessToken("t0k3n-for-a-closed-port", java.time.Instant.MAX);
          }
          @Override public void invalidate(nl.ireserve.saltoks.spi.TokenManager.AccessToken rejected) { }
        })
        .retryPolicy(RetryPolicy.builder().sleeper(sleeps::add).build())
        .build()) {
      String lock = "11111111-1111-4111-8111-111111111111";
      IqKey key = new IqKey("22222222-2222-4222-8222-222222222222", "a1b2c3d4e5f6g7h8", "1234");
      Site there = new Site(c.environment().name(), c.environment().apiUrl().toString(), site.siteUid(),
          site.id(), site.name(), null);
      assertThatThrownBy(() -> c.site(there).locks().open(lock, key))
          .isInstanceOfSatisfying(SaltoTransportException.class, e -> assertThat(e.attempts()).isEqualTo(3))
          .hasMessageContaining("network and firewall");
      assertThat(sleeps).hasSize(2);
    }
  }

  @Test
  void commandsAreNotRetriedOnGatewayErrors_butAreOnRefusals() {
    try (SaltoKsClient c = client(RetryPolicy.builder())) {
      String lock = site.addLock("Lock Alpha", site.addIq("IQ", "a1b2c3d4e5f6g7h8", "1234")).id();
      IqKey key = site.iqs().get(0).key();
      fake.faults().on(FakeRoute.OPEN_LOCK).next(2, FakeFault.status(503));
      c.site(SALTO.server().site(site)).locks().open(lock, key);
      assertThat(fake.requestCount(FakeRoute.OPEN_LOCK)).isEqualTo(3);
      assertThat(fake.openings()).hasSize(1);
    }
  }

  @Test
  void credentialsAreRequiredOnlyOnce_theTokenEndpointGetsTheSameProtection() {
    try (SaltoKsClient c = fake.clientBuilder().credentials(fake.credentials())
        .retryPolicy(RetryPolicy.builder().sleeper(sleeps::add).build()).build()) {
      fake.faults().on(FakeRoute.TOKEN).next(2, FakeFault.status(503));
      c.authenticate();
      assertThat(fake.requestCount(FakeRoute.TOKEN)).isEqualTo(3);
    }
  }
}
