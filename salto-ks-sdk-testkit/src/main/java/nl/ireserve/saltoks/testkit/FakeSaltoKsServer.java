package nl.ireserve.saltoks.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import nl.ireserve.saltoks.SaltoCredentials;
import nl.ireserve.saltoks.SaltoEnvironment;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.SiteLimits;
import org.jspecify.annotations.Nullable;

/**
 * A fake SALTO KS — identity server and Connect API — over real HTTP on a loopback port, for tests
 * and for trying a host application without SALTO's acceptance environment.
 *
 * <p>It is a stateful model, not canned answers: it accepts one set of credentials and issues tokens
 * that expire on its {@link FakeClock}; it keeps sites, locks and IQs (each IQ with the service
 * account's secret and PIN); remote opening checks the one-time password with its own implementation
 * of SALTO's formula (±3 minutes), records each opening, answers {@code otp_invalid}, and after a
 * number of failures {@code otp_blocked} for 20 minutes; IQ activation works as the SALTO KS Connect API
 * describes (secret once, PIN e-mail into {@link #sentPinEmails()}, PIN change with OTP and delta).
 * Lists use SALTO's envelope with paging. Requests to unknown paths are recorded in {@link
 * #unmatchedRequests()}. Control endpoints under {@code /_fake/} script it from outside the JVM (see
 * the README's "Standalone fake server").
 *
 * <pre>{@code
 * try (FakeSaltoKsServer fake = FakeSaltoKsServer.create().start()) {
 *   FakeSite site = fake.addSite("NL6254340082", "Hotel Demo", ZoneId.of("Europe/Amsterdam"));
 *   FakeIq iq = site.addIq("IQ Lobby", "a1b2c3d4e5f6g7h8", "1234");
 *   FakeLock alpha = site.addLock("Lock Alpha", iq);
 *   try (SaltoKsClient client = fake.newClient()) {
 *     client.site(fake.site(site)).locks().open(alpha.id(), iq.key());
 *   }
 *   assertThat(fake.openings()).extracting(FakeOpening::lockName).containsExactly("Lock Alpha");
 * }
 * }</pre>
 *
 * <p>Thread-safe: arrange and inspect it from the test thread while the client calls it from others.
 */
public final class FakeSaltoKsServer implements AutoCloseable {
  /** The client id the fake accepts by default. */
  public static final String CLIENT_ID = "fake-client-id";
  /** The client secret the fake accepts by default. */
  public static final String CLIENT_SECRET = "fake-client-secret-7f3a9c";
  /** The KS service account the fake accepts by default. */
  public static final String USERNAME = "service-account@example.com";
  /** The service account's password. */
  public static final String PASSWORD = "fake-Passw0rd-91d2";

  private final FakeClock clock;
  private final FakeState state;
  private final FaultPlan faultPlan = new FaultPlan();
  private final FakeTransformer transformer;
  private final FakeFaults faults;
  private final List<FakeSite> sites = new ArrayList<>();
  private int requestedPort;
  private @Nullable WireMockServer server;

  private FakeSaltoKsServer(FakeClock clock) {
    this.clock = clock;
    this.state = new FakeState(clock, CLIENT_ID, CLIENT_SECRET, USERNAME, PASSWORD);
    this.transformer = new FakeTransformer(state, faultPlan);
    this.faults = new FakeFaults(faultPlan);
    this.transformer.control(new FakeControl(this, () -> { }));
  }

  /**
   * What {@code POST /_fake/reset} does after clearing the fake: the standalone server re-seeds its
   * demo site here.
   *
   * @param reseed runs after a reset through the control endpoint
   * @return this fake
   */
  public FakeSaltoKsServer onControlReset(Runnable reseed) {
    this.transformer.control(new FakeControl(this, reseed));
    return this;
  }

  /** A fake with a clock that ticks with the system's; call {@link #start()}. */
  public static FakeSaltoKsServer create() {
    return new FakeSaltoKsServer(FakeClock.ticking());
  }

  /**
   * A fake on the given clock; share the clock with the client to control token expiry and OTPs.
   *
   * @param clock the clock
   * @return the fake, not started
   */
  public static FakeSaltoKsServer create(FakeClock clock) {
    return new FakeSaltoKsServer(clock);
  }

  /**
   * Listens on this port instead of a free one. Call before {@link #start()}.
   *
   * @param port 1..65535
   * @return this fake
   */
  public FakeSaltoKsServer port(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, got " + port);
    }
    this.requestedPort = port;
    return this;
  }

  /**
   * Logs every request at INFO instead of DEBUG (the standalone server does).
   *
   * @param on whether to log
   * @return this fake
   */
  public FakeSaltoKsServer logRequests(boolean on) {
    transformer.logRequests(on);
    return this;
  }

  /** Starts listening on 127.0.0.1. */
  public synchronized FakeSaltoKsServer start() {
    if (server != null) {
      return this;
    }
    WireMockConfiguration cfg =
        WireMockConfiguration.options()
            .bindAddress("127.0.0.1")
            .extensions(transformer)
            .notifier(new Slf4jNotifier(false))
            .disableRequestJournal()
            .gzipDisabled(true)
            .containerThreads(64);
    cfg = requestedPort > 0 ? cfg.port(requestedPort) : cfg.dynamicPort();
    WireMockServer s = new WireMockServer(cfg);
    s.start();
    s.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
    this.server = s;
    return this;
  }

  /** Whether it is listening. */
  public synchronized boolean isRunning() {
    return server != null && server.isRunning();
  }

  private synchronized WireMockServer running() {
    if (server == null) {
      throw new IllegalStateException("the fake SALTO KS server is not started; call start()");
    }
    return server;
  }

  /** The port it listens on. */
  public int port() {
    return running().port();
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** The identity server's base URL. */
  public String identityUrl() {
    return baseUrl() + FakeRouter.IDENTITY_PREFIX;
  }

  /** The Connect API's base URL. */
  public String apiUrl() {
    return baseUrl() + FakeRouter.API_PREFIX;
  }

  /** The environment a client uses to talk to this fake. */
  public SaltoEnvironment environment() {
    return SaltoEnvironment.custom("fake", identityUrl(), apiUrl());
  }

  /**
   * A fake site as the SDK's {@link Site} in this fake's environment, as {@code
   * client.sites().retrieve(uid)} would return it, without a request.
   *
   * @param site a site of this fake
   * @return the site
   */
  public Site site(FakeSite site) {
    SaltoEnvironment env = environment();
    return new Site(env.name(), env.apiUrl().toString(), site.siteUid(), site.id(), site.name(),
        site.timeZone().getId());
  }

  /**
   * Runs the fake on its own, seeded with {@link DemoSite}, for trying a host application against
   * it: {@code java -cp examples/target/salto-ks-examples.jar
   * nl.ireserve.saltoks.testkit.FakeSaltoKsServer --port 8089}. Logs every request; stops on Ctrl-C.
   *
   * @param args {@code --port N} (default 8089; 0 picks a free one), {@code --quiet} (no request log)
   * @throws InterruptedException when interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    nl.ireserve.saltoks.testkit.FakeSaltoKsMain.run(args);
  }

  /**
   * The one-time password the IQ accepts for a remote opening right now (its secret and the PIN the
   * lock checks, at the fake's time). For scripting an opening from outside the JVM, as the control
   * endpoint {@code GET /_fake/iqs/{iq}/otp} does; an SDK client computes its own.
   *
   * @param iq an IQ of this fake
   * @return five hex characters
   */
  public String expectedOtp(FakeIq iq) {
    return state.expectedOtp(iq.rec);
  }

  /** The credentials the fake accepts. */
  public SaltoCredentials credentials() {
    synchronized (state) {
      return SaltoCredentials.of(CLIENT_ID, CLIENT_SECRET, state.username(), PASSWORD);
    }
  }

  /** The fake's clock (the server's time is this plus {@link #serverClockSkew}). */
  public FakeClock clock() {
    return clock;
  }

  /**
   * A client builder aimed at this fake: environment, credentials and clock set, and {@link
   * SiteLimits#unlimited()} (the fake answers as fast as a test asks, and rate-limits only when {@link
   * #rateLimit} says so); override as needed, e.g. with {@link SiteLimits#defaults()} to test under the
   * production limits.
   */
  public SaltoKsClient.Builder clientBuilder() {
    return SaltoKsClient.builder().environment(environment()).credentials(credentials()).clock(clock)
        .siteLimits(SiteLimits.unlimited());
  }

  /** A client aimed at this fake; close it after use. */
  public SaltoKsClient newClient() {
    return clientBuilder().build();
  }

  // ---- arrangement ----

  /**
   * Adds a site the service account can use.
   *
   * @param siteUid the human site UID, such as {@code NL6254340082}
   * @param name the display name
   * @param timeZone the site's time zone
   * @return the site
   */
  public synchronized FakeSite addSite(String siteUid, String name, ZoneId timeZone) {
    FakeSite site = new FakeSite(state, state.addSite(siteUid, name, timeZone));
    sites.add(site);
    return site;
  }

  /** The sites, in the order added. */
  public synchronized List<FakeSite> sites() {
    return List.copyOf(sites);
  }

  /**
   * The site with this UID.
   *
   * @param siteUid the site UID
   * @return the site
   */
  public synchronized FakeSite site(String siteUid) {
    return sites.stream().filter(s -> s.siteUid().equals(siteUid)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no fake site " + siteUid));
  }

  /**
   * How long issued tokens live. Default 1 hour, as SALTO's.
   *
   * @param lifetime positive duration
   * @return this fake
   */
  public FakeSaltoKsServer tokenLifetime(Duration lifetime) {
    state.tokenLifetime(lifetime);
    return this;
  }

  /**
   * Answers Connect API requests beyond {@code perSecond} in any second (a sliding window, real time) with
   * 429 and {@code Retry-After: 1}, as SALTO rate-limits without publishing its threshold (salto-ks-api.md
   * §11). 0 turns it off (the default).
   *
   * @param perSecond requests per second answered normally
   * @return this server
   */
  public FakeSaltoKsServer rateLimit(int perSecond) {
    state.rateLimit(perSecond);
    return this;
  }

  /** How many requests the {@link #rateLimit} answered with 429. */
  public int rateLimited() {
    return state.throttled();
  }

  /**
   * How many items a list page holds. Default 100.
   *
   * @param size at least 1
   * @return this fake
   */
  public FakeSaltoKsServer pageSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("page size must be at least 1");
    }
    state.pageSize(size);
    return this;
  }

  /**
   * Answers {@code GET /v1.2/sites} with a bare JSON array, as one measurement saw.
   *
   * @param bare whether to
   * @return this fake
   */
  public FakeSaltoKsServer sitesAsBareArray(boolean bare) {
    state.sitesAsBareArray(bare);
    return this;
  }

  /**
   * How far around the server's time an OTP is accepted. Default 3 minutes each way ("about 3
   * minutes" is SALTO's documentation; the window was never measured). A window that only looks back
   * ({@code lookAhead} zero) refuses OTPs stamped in the future, as a host with a fast clock makes.
   *
   * @param lookBack how old an OTP may be
   * @param lookAhead how far in the future an OTP may be
   * @return this fake
   */
  public FakeSaltoKsServer otpWindow(Duration lookBack, Duration lookAhead) {
    if (lookBack.isNegative() || lookAhead.isNegative()) {
      throw new IllegalArgumentException("the OTP window must not be negative");
    }
    state.otpWindow(lookBack, lookAhead);
    return this;
  }

  /**
   * After how many wrong one-time passwords in a row for one command (remote open, PIN change) the
   * next call for that IQ is answered {@code otp_blocked} and the IQ blocked for 20 minutes. Default 3,
   * as measured: three {@code otp_invalid}, then the fourth call blocked.
   *
   * @param failures at least 1
   * @return this fake
   */
  public FakeSaltoKsServer otpFailuresBeforeBlock(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be at least 1");
    }
    state.otpFailuresBeforeBlock(failures);
    return this;
  }

  /**
   * Whether the IQ takes over a PIN changed with a non-zero {@code delta}. Default false, as measured
   * at a real door: after {@code PUT …/pin} with delta 9751 the cloud accepted OTPs from the new PIN
   * while the IQ ({@code PATCH …/locking}) kept checking the old one and refused them. With delta
   * {@code 0000} (the PIN kept) both agree. Set true to model an IQ that follows.
   *
   * @param follows whether the lock validates with the changed PIN
   * @return this fake
   */
  public FakeSaltoKsServer lockFollowsPinChanges(boolean follows) {
    state.lockFollowsPinChanges(follows);
    return this;
  }

  /**
   * Puts the server's clock ahead of (or behind) {@link #clock()}: its Date header and its OTP check
   * use the skewed time, as when the host's clock is wrong.
   *
   * @param skew server time minus the shared clock
   * @return this fake
   */
  public FakeSaltoKsServer serverClockSkew(Duration skew) {
    state.serverSkew(skew);
    return this;
  }

  /**
   * Whether the client id may use the password flow; false answers {@code invalid_scope}.
   *
   * @param enabled whether to
   * @return this fake
   */
  public FakeSaltoKsServer passwordFlowEnabled(boolean enabled) {
    state.passwordFlowEnabled(enabled);
    return this;
  }

  /**
   * Whether the service account has rights on the sites; false answers 403 on every site call.
   *
   * @param rights whether it has
   * @return this fake
   */
  public FakeSaltoKsServer accountHasRights(boolean rights) {
    state.accountHasRights(rights);
    return this;
  }

  /** Invalidates every issued token: the next API call gets a 401. */
  public void revokeTokens() {
    state.revokeTokens();
  }

  /** Arms faults. */
  public FakeFaults faults() {
    return faults;
  }

  // ---- inspection ----

  /** How many token requests arrived (accepted or not). */
  public int tokenRequests() {
    return state.tokenRequests();
  }

  /** Every access token the fake issued, for tests that prove tokens never reach a log. */
  public List<String> issuedTokens() {
    return state.issuedTokens();
  }

  /** Every one-time password the fake received, right or wrong, for the same kind of test. */
  public List<String> receivedOtps() {
    return state.receivedOtps();
  }

  /** The openings accepted, in order. */
  public List<FakeOpening> openings() {
    return state.openings();
  }

  /** The IQ PIN e-mails sent, in order. */
  public List<SentPinEmail> sentPinEmails() {
    return state.outbox();
  }

  /** Every request received, in order. */
  public List<RecordedRequest> requests() {
    return state.requests();
  }

  /**
   * How many requests went to a route.
   *
   * @param route the route
   * @return the count
   */
  public int requestCount(FakeRoute route) {
    return (int) state.requests().stream().filter(r -> r.route() == route).count();
  }

  /** Requests to paths the fake does not know; a correct client makes none. */
  public List<RecordedRequest> unmatchedRequests() {
    return state.requests().stream().filter(r -> r.route() == FakeRoute.UNKNOWN)
        .collect(Collectors.toList());
  }

  /** Forgets what happened (requests, openings, e-mails, counters); keeps sites and settings. */
  public void clearHistory() {
    state.clearHistory();
  }

  /** Back to empty: no sites, no tokens, no faults, default settings, no history. */
  public synchronized void reset() {
    faultPlan.clear();
    state.clearAll();
    sites.clear();
  }

  /** Stops listening. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }

  @Override
  public String toString() {
    return "FakeSaltoKsServer[" + (server == null ? "stopped" : baseUrl()) + "]";
  }

}
