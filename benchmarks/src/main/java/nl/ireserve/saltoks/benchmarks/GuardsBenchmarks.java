package nl.ireserve.saltoks.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import nl.ireserve.saltoks.SaltoCredentials;
import nl.ireserve.saltoks.SaltoEnvironment;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.SiteLimits;
import nl.ireserve.saltoks.access.AccessGuards;
import nl.ireserve.saltoks.access.AccessPolicy;
import nl.ireserve.saltoks.access.AccessService;
import nl.ireserve.saltoks.access.OpenOutcome;
import nl.ireserve.saltoks.access.Reservation;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.it.support.LocalPostgres;
import nl.ireserve.saltoks.jdbc.JdbcStores;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.mapping.ObjectLockLink;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.DemoSite;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 7: what sharing the guards through PostgreSQL costs. The whole door-open flow against the
 * fake, once with {@code AccessGuards.inMemory()} and once with {@code JdbcStores.guards()}, run
 * together in one group (same process, same moments, same client and stores) so the ratio compares
 * only the guards; and one claim on PostgreSQL alone (p50 and p99), spread over 10,000 locks with the
 * default throttle of 15 per lock per minute. The open flow spreads over 200 locks (a hotel's rooms)
 * with the throttle raised, as {@link HttpBenchmarks} does, so no opening is refused.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 10, time = 1)
public class GuardsBenchmarks {
  static final int ROOMS = 200;
  static final ObjectMapper MAPPER = new ObjectMapper();

  FakeSaltoKsServer fake; // null when the fake runs in its own process
  SaltoKsClient client;
  HikariDataSource pool;
  AccessService inMemory;
  AccessService jdbc;
  AccessGuards jdbcGuards;
  Site siteRef;
  final AtomicLong reservations = new AtomicLong();
  final List<String> claimLocks = new ArrayList<>();

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    String external = HttpBenchmarks.EXTERNAL_FAKE;
    SaltoEnvironment environment;
    List<String> lockIds = new ArrayList<>();
    IqKey key;
    if (external.isEmpty()) {
      fake = FakeSaltoKsServer.create().start();
      FakeSite site = fake.addSite(DemoSite.SITE_UID, "Hotel", ZoneId.of("Europe/Amsterdam"));
      FakeIq iq = site.addIq(DemoSite.IQ_NAME, DemoSite.IQ_SECRET, DemoSite.IQ_PIN);
      for (int i = 0; i < ROOMS; i++) {
        lockIds.add(site.addLock("Bench " + i, iq).id());
      }
      key = iq.key();
      environment = fake.environment();
    } else {
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < ROOMS; i++) {
        String body = "{\"name\":\"Bench " + UUID.randomUUID() + "\",\"iq\":\"" + DemoSite.IQ_NAME + "\"}";
        HttpResponse<String> added = http.send(HttpRequest.newBuilder(URI.create(external + "/_fake/sites/"
            + DemoSite.SITE_UID + "/locks")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        lockIds.add(MAPPER.readTree(added.body()).get("id").asText());
      }
      JsonNode state = MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(external + "/_fake/state"))
          .build(), HttpResponse.BodyHandlers.ofString()).body());
      key = new IqKey(state.get("sites").get(0).get("iqs").get(0).get("id").asText(), DemoSite.IQ_SECRET,
          DemoSite.IQ_PIN);
      environment = SaltoEnvironment.custom("fake", state.get("identityUrl").asText(),
          state.get("apiUrl").asText());
    }
    // the SDK's own cost per opening: the default per-site limit (8/s, SiteLimits) would cap the loop by design
    client = SaltoKsClient.builder().siteLimits(SiteLimits.unlimited()).environment(environment)
        .credentials(SaltoCredentials.of(FakeSaltoKsServer.CLIENT_ID, FakeSaltoKsServer.CLIENT_SECRET,
            FakeSaltoKsServer.USERNAME, FakeSaltoKsServer.PASSWORD))
        .maxConcurrentRequests(64).build();
    siteRef = client.sites().retrieve(DemoSite.SITE_UID);
    SiteClient site = client.site(siteRef);
    MappingStore links = MappingStore.inMemory();
    for (int i = 0; i < ROOMS; i++) {
      links.link(new ObjectLockLink("room-" + i, "Room " + i, lockIds.get(i), "Bench " + i, Instant.now()));
    }
    IqKeyStore keys = IqKeyStore.inMemory();
    keys.save(key);
    HikariConfig cfg = new HikariConfig();
    cfg.setDataSource(LocalPostgres.get().newDatabase("bench_guards"));
    cfg.setMaximumPoolSize(8);
    pool = new HikariDataSource(cfg);
    jdbcGuards = JdbcStores.builder(pool).migrateSchema(true).build().guards();
    AccessPolicy policy = AccessPolicy.builder().allowedStatuses("Paid").minutesBefore(60).build();
    inMemory = AccessService.builder().site(site).policy(policy).mappings(links).keys(keys)
        .maxOpensPerLockPerMinute(1_000_000).guards(AccessGuards.inMemory()).build();
    jdbc = AccessService.builder().site(site).policy(policy).mappings(links).keys(keys)
        .maxOpensPerLockPerMinute(1_000_000).guards(jdbcGuards).build();
    for (int i = 0; i < 10_000; i++) {
      claimLocks.add(UUID.randomUUID().toString());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    client.close();
    pool.close();
    if (fake != null) {
      fake.close();
    }
  }

  private OpenOutcome open(AccessService access) {
    Instant now = Instant.now();
    Reservation r = Reservation.builder().id("r-" + reservations.incrementAndGet())
        .objectId("room-" + ThreadLocalRandom.current().nextInt(ROOMS)).status("Paid")
        .start(now.minusSeconds(60)).end(now.plusSeconds(3600)).paymentComplete(true).build();
    OpenOutcome o = access.open(r);
    if (!o.opened()) {
      throw new IllegalStateException("benchmark opening failed: " + o.status() + " " + o.reasons());
    }
    return o;
  }

  /** 7: the whole open flow, guards in memory (the baseline of the ratio). */
  @Benchmark
  @Group("openGuards")
  @GroupThreads(1)
  public OpenOutcome openDoor_inMemoryGuards() {
    return open(inMemory);
  }

  /** 7: the whole open flow, guards in PostgreSQL (switch, claim, OTP turn, settle, journal). */
  @Benchmark
  @Group("openGuards")
  @GroupThreads(1)
  public OpenOutcome openDoor_jdbcGuards() {
    return open(jdbc);
  }

  /** 7: one claim on PostgreSQL (lock row, duplicate check, throttle count, claim and journal rows). */
  @Benchmark
  public AccessGuards.Claim claim_postgres() {
    String lock = claimLocks.get(ThreadLocalRandom.current().nextInt(claimLocks.size()));
    return jdbcGuards.claim(siteRef, new AccessGuards.Attempt(UUID.randomUUID().toString(),
        "c-" + reservations.incrementAndGet(), "room-1", lock, OpenOutcome.Status.IN_PROGRESS, List.of(),
        Instant.now(), null, null), CLAIM_RULES);
  }

  static final AccessGuards.ClaimRules CLAIM_RULES =
      new AccessGuards.ClaimRules(Duration.ofSeconds(10), Duration.ofMinutes(2), 15);
}
