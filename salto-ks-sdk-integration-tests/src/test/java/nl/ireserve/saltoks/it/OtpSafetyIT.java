package nl.ireserve.saltoks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.ireserve.saltoks.SaltoCredentials;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.spi.TokenManager.AccessToken;
import nl.ireserve.saltoks.spi.TokenManager;
import nl.ireserve.saltoks.testkit.FakeClock;
import nl.ireserve.saltoks.testkit.FakeFault;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeLock;
import nl.ireserve.saltoks.testkit.FakeRoute;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * One-time passwords under races and clock changes, through the public client only: concurrent taps
 * with a stale key send one wrong OTP, not one each; a host clock corrected by NTP after a skew was
 * learned keeps OTPs right; the first OTP of a client with a host-supplied token manager is computed
 * at SALTO's time.
 */
class OtpSafetyIT {
  final FakeClock clock = FakeClock.ticking();
  FakeSaltoKsServer fake;
  FakeSite hotel;
  FakeIq iq;
  final List<FakeLock> locks = new ArrayList<>();
  final List<SaltoKsClient> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    fake = FakeSaltoKsServer.create(clock);
    fake.start();
    hotel = fake.addSite("NL6254340082", "Hotel", ZoneId.of("Europe/Amsterdam"));
    iq = hotel.addIq("IQ Lobby", "a1b2c3d4e5f6g7h8", "1234");
    for (int i = 0; i < 3; i++) {
      locks.add(hotel.addLock("Lock " + i, iq));
    }
  }

  @AfterEach
  void stop() {
    clients.forEach(SaltoKsClient::close);
    fake.close();
  }

  private SiteClient site(SaltoKsClient.Builder builder) {
    SaltoKsClient client = builder.build();
    clients.add(client);
    return client.site(client.sites().retrieve("NL6254340082"));
  }

  /** Opens with {@code key} from {@code taps} threads at once; returns how each tap ended. */
  private Map<String, Integer> tapAtOnce(SiteClient site, IqKey key, int taps) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(taps);
    CountDownLatch go = new CountDownLatch(1);
    Map<String, Integer> endings = new ConcurrentHashMap<>();
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < taps; i++) {
      FakeLock lock = locks.get(i % locks.size());
      done.add(pool.submit(() -> {
        go.await();
        try {
          site.locks().open(lock.id(), key);
          endings.merge("opened", 1, Integer::sum);
        } catch (RuntimeException e) {
          endings.merge(e.getClass().getSimpleName(), 1, Integer::sum);
        }
        return null;
      }));
    }
    go.countDown();
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    return endings;
  }

  private long refusedOpens() {
    return fake.requests().stream().filter(r -> r.route() == FakeRoute.OPEN_LOCK && r.status() >= 400).count();
  }

  @RepeatedTest(3)
  void tenConcurrentTapsWithAStaleKey_sendOneWrongOtp_andTheGoodKeyStillWorks() throws Exception {
    fake.faults().on(FakeRoute.OPEN_LOCK).next(1, FakeFault.delay(
        Duration.ofMillis(200))); // the first answer is slow: everyone else taps while it is in flight
    SiteClient site = site(fake.clientBuilder());
    IqKey stale = new IqKey(iq.id(), "a1b2c3d4e5f6g7h8", "9999");

    Map<String, Integer> endings = tapAtOnce(site, stale, 10);

    assertThat(refusedOpens()).as("wrong OTPs that reached SALTO").isEqualTo(1);
    assertThat(endings).containsEntry("SaltoOtpInvalidException", 1)
        .containsEntry("SaltoOtpSuspendedException", 9);
    site.locks().open(locks.get(0).id(), iq.key()); // SALTO did not block the IQ
    assertThat(fake.openings()).hasSize(1);
  }

  @Test
  void tenConcurrentTapsWithAGoodKeyOnAColdClient_allOpen() throws Exception {
    SiteClient site = site(fake.clientBuilder());
    Map<String, Integer> endings = tapAtOnce(site, iq.key(), 10);
    assertThat(endings).containsExactly(Map.entry("opened", 10));
    assertThat(fake.openings()).hasSize(10);
  }

  @Test
  void hostClockCorrectedByNtpAfterTheSkewWasLearned_keepsOtpsRight() {
    fake.otpWindow(Duration.ofSeconds(60), Duration.ofSeconds(60));
    fake.serverClockSkew(Duration.ofMinutes(5)); // the host starts 5 minutes slow
    SiteClient site = site(fake.clientBuilder().clock(clock).nanoTime(clock::nanoTime));
    site.locks().open(locks.get(0).id(), iq.key());

    clock.jump(Duration.ofMinutes(5)); // NTP sets the host right; SALTO's time does not move
    fake.serverClockSkew(Duration.ZERO); // (the fake shares the clock; SALTO's time stays)
    site.locks().open(locks.get(1).id(), iq.key());

    clock.jump(Duration.ofMinutes(-7)); // and a jump the other way, before any new answer
    fake.serverClockSkew(Duration.ofMinutes(7)); // (the fake shares the clock; SALTO's time stays)
    site.locks().open(locks.get(2).id(), iq.key());

    assertThat(fake.openings()).hasSize(3);
    assertThat(refusedOpens()).isZero();
  }

  @Test
  void firstOtpWithAHostTokenManager_isComputedAtSaltosTime() {
    fake.otpWindow(Duration.ofSeconds(60), Duration.ofSeconds(60));
    fake.serverClockSkew(Duration.ofMinutes(-5)); // the host is 5 minutes fast
    TokenManager host = new HostTokenManager(fake);
    SaltoKsClient client = SaltoKsClient.builder().environment(fake.environment()).tokenManager(host)
        .clock(clock).build();
    clients.add(client);
    // a site client straight from what the host saved: no call of the SDK has told SALTO's time yet
    SaltoKsClient setupClient = fake.clientBuilder().build();
    clients.add(setupClient);
    SiteClient site = setupClient.site(setupClient.sites().retrieve("NL6254340082"));

    client.site(site.site()).locks().open(locks.get(0).id(), iq.key());

    assertThat(fake.openings()).hasSize(1);
    assertThat(refusedOpens()).isZero();
  }

  /** A host's own token manager: fetches the token with plain java.net.http, never through the SDK. */
  static final class HostTokenManager implements TokenManager {
    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private final FakeSaltoKsServer fake;
    private volatile AccessToken token;

    HostTokenManager(FakeSaltoKsServer fake) {
      this.fake = fake;
    }

    @Override
    public synchronized AccessToken token() {
      if (token == null) {
        SaltoCredentials c = fake.credentials();
        String basic = Base64.getEncoder().encodeToString(
            (c.clientId() + ":" + c.clientSecret()).getBytes(StandardCharsets.UTF_8));
        String form = "grant_type=password&scope=user_api.full_access&username=" + c.username()
            + "&password=" + c.password();
        try {
          HttpResponse<String> answer = HttpClient.newHttpClient().send(
              HttpRequest.newBuilder(URI.create(fake.identityUrl() + "/connect/token"))
                  .header("Authorization", "Basic " + basic)
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
              HttpResponse.BodyHandlers.ofString());
          Matcher m = TOKEN.matcher(answer.body());
          assertThat(m.find()).as("token answer").isTrue();
          token = new AccessToken(m.group(1), Instant.now().plus(Duration.ofHours(1)));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      return token;
    }

    @Override
    public void invalidate(AccessToken rejected) {
      token = null;
    }
  }
}
