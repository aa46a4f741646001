package nl.ireserve.saltoks.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import nl.ireserve.saltoks.Lock.LockIq;
import nl.ireserve.saltoks.Lock.LockedState;
import nl.ireserve.saltoks.Lock;
import nl.ireserve.saltoks.SaltoCredentials;
import nl.ireserve.saltoks.SaltoEnvironment;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.SiteLimits;
import nl.ireserve.saltoks.access.AccessPolicy;
import nl.ireserve.saltoks.access.AccessService;
import nl.ireserve.saltoks.access.OpenOutcome;
import nl.ireserve.saltoks.access.Reservation;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.mapping.ObjectLockLink;
import nl.ireserve.saltoks.spi.Observer;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeLock;
import nl.ireserve.saltoks.testkit.DemoSite;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;
import nl.ireserve.saltoks.testkit.FakeSite;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
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
 * Benchmarks 1 and 2: the SDK against raw OkHttp, same local fake server, same connection settings,
 * same Jackson decoding. The ratio SDK / raw is the SDK's own cost on top of an HTTP round trip.
 * Each pair runs as a JMH group: the SDK and its baseline at the same time, in the same JVM, against
 * the same server, so that machine drift hits both alike (across forks it was larger than the 10 %
 * being measured). {@code benchmarks/run} starts the fake once in its own process ({@code -Dsaltoks.bench.fake=URL}),
 * so that it is warm for every fork and its JIT and GC do not run inside the measured JVM; without
 * that property each fork starts a fake of its own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime) // the targets are on the median
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 10, time = 2) // the SDK's deeper stack (Feign, OkHttp) needs longer to compile
@Measurement(iterations = 10, time = 1)
public class HttpBenchmarks {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  FakeSaltoKsServer fake; // null when the fake runs in its own process
  String apiUrl;
  SaltoKsClient client;
  OkHttpClient raw;
  String token;
  SiteClient site;
  SaltoKsClient observedClient;
  SiteClient observedSite;
  String siteId;
  String lockId;
  IqKey key;
  AccessService access;
  String lockUrl;
  String openUrl;
  final AtomicLong reservations = new AtomicLong();

  /** The fake's base URL when it runs in its own process (benchmarks/run starts one). */
  static final String EXTERNAL_FAKE = System.getProperty("saltoks.bench.fake", "");

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    SaltoEnvironment environment;
    if (EXTERNAL_FAKE.isEmpty()) {
      fake = FakeSaltoKsServer.create().start();
      FakeSite site = fake.addSite("NL6254340082", "Hotel", ZoneId.of("Europe/Amsterdam"));
      FakeIq iq = site.addIq("IQ Lobby", "a1b2c3d4e5f6g7h8", "1234");
      FakeLock lock = site.addLock("Lock Alpha", iq);
      siteId = site.id();
      lockId = lock.id();
      key = iq.key();
      environment = fake.environment();
      apiUrl = fake.apiUrl();
    } else {
      JsonNode state = get(EXTERNAL_FAKE + "/_fake/state");
      JsonNode site = state.get("sites").get(0);
      siteId = site.get("id").asText();
      lockId = site.get("locks").get(0).get("id").asText();
      key = new IqKey(site.get("iqs").get(0).get("id").asText(), DemoSite.IQ_SECRET, DemoSite.IQ_PIN);
      environment = SaltoEnvironment.custom("fake", state.get("identityUrl").asText(), state.get("apiUrl").asText());
      apiUrl = state.get("apiUrl").asText();
    }
    // the SDK's own cost per call: SALTO's default per-site limit (8/s, SiteLimits) would cap the loop by design
    client = SaltoKsClient.builder().siteLimits(SiteLimits.unlimited()).environment(environment)
        .credentials(SaltoCredentials.of(FakeSaltoKsServer.CLIENT_ID, FakeSaltoKsServer.CLIENT_SECRET,
            FakeSaltoKsServer.USERNAME, FakeSaltoKsServer.PASSWORD))
        .maxConcurrentRequests(64).build();
    raw = new OkHttpClient.Builder() // the SDK's settings: timeouts, no redirects, pool
        .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(15))
        .writeTimeout(Duration.ofSeconds(15)).callTimeout(Duration.ofSeconds(30))
        .followRedirects(false).followSslRedirects(false)
        .connectionPool(new ConnectionPool(8, 30, TimeUnit.SECONDS)).build();
    token = rawToken(environment.identityUrl() + "/connect/token");
    lockUrl = apiUrl + "/v1.2/sites/" + siteId + "/locks/" + lockId;
    openUrl = lockUrl + "/locking";
    site = client.site(client.sites().retrieve("NL6254340082"));
    // benchmark 8: the same client with an observer that does nothing, so the observation path runs
    observedClient = SaltoKsClient.builder().siteLimits(SiteLimits.unlimited()).environment(environment)
        .credentials(SaltoCredentials.of(FakeSaltoKsServer.CLIENT_ID, FakeSaltoKsServer.CLIENT_SECRET,
            FakeSaltoKsServer.USERNAME, FakeSaltoKsServer.PASSWORD))
        .maxConcurrentRequests(64).observer(new Observer() { }).build();
    observedSite = observedClient.site(site.site());
    MappingStore mappings = MappingStore.inMemory();
    mappings.link(new ObjectLockLink("room-101", "Room 101", lockId, "Lock Alpha", Instant.now()));
    IqKeyStore keys = IqKeyStore.inMemory();
    keys.save(key);
    access = AccessService.builder().site(site)
        .policy(AccessPolicy.builder().allowedStatuses("Paid").minutesBefore(60).build())
        .mappings(MappingStore.cached(mappings, Duration.ofSeconds(30)))
        .keys(IqKeyStore.cached(keys, Duration.ofSeconds(30)))
        .maxOpensPerLockPerMinute(1_000_000)
        .build();
  }

  @Setup(Level.Iteration)
  public void forgetOpenings() throws IOException {
    // the fake records every opening; keep its memory flat
    if (fake != null) {
      fake.clearHistory();
    } else {
      try (Response r = raw.newCall(new Request.Builder().url(EXTERNAL_FAKE + "/_fake/clear-history")
          .post(RequestBody.create(new byte[0])).build()).execute()) {
        r.code();
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    client.close();
    observedClient.close();
    raw.dispatcher().executorService().shutdown();
    raw.connectionPool().evictAll();
    if (fake != null) {
      fake.close();
    }
  }

  /** The baseline signs in by itself, as a host without the SDK would. */
  private String rawToken(String tokenUrl) throws IOException {
    String basic = okhttp3.Credentials.basic(FakeSaltoKsServer.CLIENT_ID, FakeSaltoKsServer.CLIENT_SECRET);
    RequestBody form = new okhttp3.FormBody.Builder().add("grant_type", "password")
        .add("username", FakeSaltoKsServer.USERNAME).add("password", FakeSaltoKsServer.PASSWORD)
        .add("scope", "user_api.full_access").build();
    try (Response r = raw.newCall(new Request.Builder().url(tokenUrl).header("Authorization", basic)
        .post(form).build()).execute()) {
      return MAPPER.readTree(r.body().byteStream()).get("access_token").asText();
    }
  }

  private static JsonNode get(String url) throws IOException {
    OkHttpClient once = new OkHttpClient();
    try (Response r = once.newCall(new Request.Builder().url(url).build()).execute()) {
      return MAPPER.readTree(r.body().byteStream());
    } finally {
      once.connectionPool().evictAll();
    }
  }

  /** 8, baseline: a read with no observer (the default). */
  @Benchmark
  @Group("observer")
  @GroupThreads(1)
  public Lock readLock_noObserver() {
    return site.locks().get(lockId);
  }

  /** 8: the same read with an observer installed that does nothing: the observation SPI's whole cost. */
  @Benchmark
  @Group("observer")
  @GroupThreads(1)
  public Lock readLock_observed() {
    return observedSite.locks().get(lockId);
  }

  /** 1, SDK: read a lock through the typed client. */
  @Benchmark
  @Group("readLock")
  @GroupThreads(1)
  public Lock readLock_sdk() {
    return site.locks().get(lockId);
  }

  /** 1, baseline: the same GET with raw OkHttp and Jackson, mapped to the same record. */
  @Benchmark
  @Group("readLock")
  @GroupThreads(1)
  public Lock readLock_rawOkHttp() throws IOException {
    Request request = new Request.Builder().url(lockUrl).header("Authorization", "Bearer " + token)
        .header("Accept", "application/json").build();
    try (Response r = raw.newCall(request).execute()) {
      JsonNode n = MAPPER.readTree(r.body().byteStream());
      JsonNode iq = n.get("iq");
      return new Lock(n.get("id").asText(), n.get("customer_reference").asText(), n.get("online").asBoolean(),
          LockedState.valueOf(n.get("locked_state").asText().toUpperCase(java.util.Locale.ROOT)),
          new LockIq(iq.get("id").asText(), iq.get("customer_reference").asText(), iq.get("is_online").asBoolean(),
              iq.get("otp_enabled").asBoolean()));
    }
  }

  /** 2, SDK: a whole door opening: policy, mapping, key, OTP, remote open, events. */
  @Benchmark
  @Group("openDoor")
  @GroupThreads(1)
  public OpenOutcome openDoor_sdkFlow() {
    Instant now = Instant.now();
    Reservation r = Reservation.builder().id("r-" + reservations.incrementAndGet()).objectId("room-101")
        .status("Paid").start(now.minusSeconds(60)).end(now.plusSeconds(3600)).paymentComplete(true).build();
    OpenOutcome o = access.open(r);
    if (!o.opened()) {
      throw new IllegalStateException("benchmark opening failed: " + o.status() + " " + o.reasons());
    }
    return o;
  }

  /** 2, baseline: the same PATCH with raw OkHttp (OTP computed the same way). */
  @Benchmark
  @Group("openDoor")
  @GroupThreads(1)
  public int openDoor_rawOkHttp() throws IOException {
    String body = "{\"locked_state\":\"unlocked\",\"otp\":\"" + key.otpAt(Clock.systemUTC().instant()) + "\"}";
    Request request = new Request.Builder().url(openUrl).header("Authorization", "Bearer " + token)
        .patch(RequestBody.create(body, JSON)).build();
    try (Response r = raw.newCall(request).execute()) {
      if (r.code() != 200) {
        throw new IllegalStateException("raw open failed: HTTP " + r.code());
      }
      return r.body().bytes().length;
    }
  }

  /** For the report: which pairs form a ratio. */
  public static final List<String[]> PAIRS = List.of(
      new String[] {"readLock_sdk", "readLock_rawOkHttp"},
      new String[] {"openDoor_sdkFlow", "openDoor_rawOkHttp"});
}
