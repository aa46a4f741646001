package nl.ireserve.saltoks;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import nl.ireserve.saltoks.exception.SaltoAuthenticationException;
import nl.ireserve.saltoks.exception.SaltoTransportException;
import nl.ireserve.saltoks.internal.Checks;
import nl.ireserve.saltoks.internal.ClientCore;
import nl.ireserve.saltoks.internal.ClientOptions;
import nl.ireserve.saltoks.spi.Interceptor;
import nl.ireserve.saltoks.spi.Observer;
import nl.ireserve.saltoks.spi.TokenManager;
import org.jspecify.annotations.Nullable;

/**
 * The typed client for the SALTO KS Connect API.
 *
 * <pre>{@code
 * try (SaltoKsClient client = SaltoKsClient.builder()
 *     .environment(SaltoEnvironment.ACCEPTANCE)
 *     .credentials(SaltoCredentials.of(clientId, clientSecret, "service@example.com", password))
 *     .build()) {
 *   SiteClient site = client.site(client.sites().retrieve("NL6254340082"));
 *   List<Lock> locks = site.locks().list();
 * }
 * }</pre>
 *
 * <p><b>Thread safety.</b> One client is meant to be built once and shared by the whole application:
 * every method may be called from any thread. It holds one connection pool and one token cache.
 * {@link #close()} releases the connections and threads the client created.
 */
public final class SaltoKsClient implements AutoCloseable {
  /**
   * The version of the Connect API the client speaks. Both are in use: {@code v1.2} is current;
   * some SALTO tenants and older clients use {@code v1.1} for remote opening.
   */
  public enum ApiVersion {
    /** {@code /v1.1}. */
    V1_1("v1.1"),
    /** {@code /v1.2}, the default. */
    V1_2("v1.2");

    private final String path;

    ApiVersion(String path) {
      this.path = path;
    }

    /** The path segment, such as {@code v1.2}. */
    public String path() {
      return path;
    }
  }

  /** The default {@code User-Agent}. */
  public static final String DEFAULT_USER_AGENT = "salto-ks-sdk-java/0.1.0";

  private final ClientCore core;

  private SaltoKsClient(ClientCore core) {
    this.core = core;
  }

  /** A builder; {@link Builder#environment} and credentials (or a token manager) are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The environment this client talks to. */
  public SaltoEnvironment environment() {
    return core.options().environment();
  }

  /** The sites this account can see. */
  public Sites sites() {
    return core.sites();
  }

  /**
   * Everything the API offers for one site: its locks, IQs and IQ setup.
   *
   * @param site a site from {@link Sites#retrieve}, {@link Sites#list} or one rebuilt from stored
   *     fields
   * @return the site's client
   * @throws IllegalArgumentException when the site belongs to another environment
   */
  public SiteClient site(Site site) {
    String siteId = checked(site);
    return new SiteClient(this, core, site, core.locks(siteId), core.iqs(siteId), core.iqSetup(siteId),
        core.entries(siteId));
  }

  /**
   * Signs in now, if no valid token is cached. Every call does this first; calling it on its own
   * checks the credentials (as "Test Access Request" does).
   *
   * @throws SaltoAuthenticationException when the identity server refuses the credentials
   * @throws SaltoTransportException when it cannot be reached
   */
  public void authenticate() {
    core.authenticate();
  }

  private String checked(Site site) {
    Checks.notNull("site", site);
    if (!site.belongsTo(environment())) {
      throw new IllegalArgumentException(
          "this site ID belongs to "
              + site.environment()
              + " ("
              + site.apiUrl()
              + "), but this client talks to "
              + environment().name()
              + " ("
              + environment().apiUrl()
              + "). Acceptance and production are separate installations: retrieve the site ID"
              + " again in this environment (manual 1.2, 1.3)");
    }
    return site.id();
  }

  /**
   * How far SALTO's clock ({@code Date} header) is from this host's, measured on the last answer.
   * Beyond 2 s, one-time passwords are computed from SALTO's time.
   *
   * @return the skew (server minus local), empty before the first answer
   */
  public Optional<Duration> clockSkew() {
    return core.clockSkew();
  }

  /**
   * How far this host's clock may be from SALTO's before one-time passwords use SALTO's time: the
   * limit every clock check of the SDK (Test Access Request, troubleshooter) reports against.
   *
   * @return {@link Builder#maxClockSkew}
   */
  public Duration maxClockSkew() {
    return core.options().maxClockSkew();
  }

  /**
   * Connections this client holds to SALTO right now (idle or in use), for monitoring. Bounded by
   * {@link Builder#maxConcurrentRequests} plus a few idle ones.
   *
   * @return the number of pooled connections
   */
  public int openConnections() {
    return core.openConnections();
  }

  /**
   * Closes the client: from now on every call fails at once with a {@link SaltoTransportException} that
   * says nothing was sent; calls already on the wire finish (an opening is never cut off, its answer never
   * lost), and then the connections and threads this client created are released (with {@link
   * Builder#sharedHttp}, it only leaves the shared budget). Idempotent; does not wait.
   */
  @Override
  public void close() {
    core.close();
  }

  @Override
  public String toString() {
    return "SaltoKsClient[" + environment().name() + ", api=" + environment().apiUrl() + "]";
  }

  /**
   * Builds a {@link SaltoKsClient}. Each setter validates its value at once and says which field is
   * wrong.
   */
  public static final class Builder {
    private @Nullable SaltoEnvironment environment;
    private @Nullable SaltoCredentials credentials;
    private @Nullable TokenManager tokenManager;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(15);
    private Duration callTimeout = Duration.ofSeconds(30);
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private String userAgent = DEFAULT_USER_AGENT;
    private Clock clock = Clock.systemUTC();
    private @Nullable LongSupplier nanoTime;
    private Duration tokenRefreshAhead = Duration.ofSeconds(60);
    private Duration maxClockSkew = Duration.ofSeconds(60);
    private int maxConcurrentRequests = 32;
    private SiteLimits siteLimits = SiteLimits.defaults();
    private ApiVersion apiVersion = ApiVersion.V1_2;
    private java.net.@Nullable Proxy proxy;
    private @Nullable String proxyUser;
    private @Nullable String proxyPassword;
    private javax.net.ssl.@Nullable SSLContext sslContext;
    private javax.net.ssl.@Nullable X509TrustManager trustManager;
    private int maxIdleConnections = 8;
    private Duration keepAlive = Duration.ofSeconds(30);
    private @Nullable Interceptor interceptor;
    private Observer observer = Observer.NONE;
    private @Nullable SharedHttp sharedHttp;

    private Builder() {}

    /**
     * Lets this client share one connection pool, dispatcher and budget of requests in flight with
     * other clients (one per customer in a host that serves many). The client keeps its own
     * credentials, tokens, OTP guard and settings, and {@link #maxConcurrentRequests} becomes its
     * bulkhead within the shared budget: when its SALTO hangs, only its own callers wait. Closing the
     * client releases only what it owns; close the {@code SharedHttp} when the host stops.
     *
     * @param shared resources made with {@link SharedHttp#create}
     * @return this builder
     */
    public Builder sharedHttp(SharedHttp shared) {
      this.sharedHttp = Checks.notNull("sharedHttp", shared);
      return this;
    }

    /**
     * How hard this client presses on each SALTO site, shared with every client of the same site and
     * limits in the JVM: a request rate, a bound in flight and a circuit for 503 bursts. Default {@link
     * SiteLimits#defaults()} (8 requests per second, 5 in flight, the circuit open after 5 failures in a
     * row for 30 s): SALTO rate-limits without publishing a threshold.
     *
     * @param limits the limits
     * @return this builder
     */
    public Builder siteLimits(SiteLimits limits) {
      this.siteLimits = Checks.notNull("siteLimits", limits);
      return this;
    }

    /**
     * Most HTTP requests this client has in flight at once; further callers wait for a slot. This
     * bounds the client's connections to SALTO. Default 32.
     *
     * @param max 1 to 1024
     * @return this builder
     */
    public Builder maxConcurrentRequests(int max) {
      if (max < 1 || max > 1024) {
        throw new IllegalArgumentException("maxConcurrentRequests must be 1..1024, got " + max);
      }
      this.maxConcurrentRequests = max;
      return this;
    }

    /**
     * The Connect API version for every call. Default {@link ApiVersion#V1_2}; choose {@link
     * ApiVersion#V1_1} when SALTO asks you to (some tenants open locks through v1.1 only).
     *
     * @param apiVersion the version
     * @return this builder
     */
    public Builder apiVersion(ApiVersion apiVersion) {
      this.apiVersion = Checks.notNull("apiVersion", apiVersion);
      return this;
    }

    /**
     * The SALTO installation: {@link SaltoEnvironment#ACCEPTANCE} while testing, {@link
     * SaltoEnvironment#PRODUCTION} when live. Required.
     *
     * @param environment the environment
     * @return this builder
     */
    public Builder environment(SaltoEnvironment environment) {
      this.environment = Checks.notNull("environment", environment);
      return this;
    }

    /**
     * Client id/secret and KS service account for the password grant. Required unless {@link
     * #tokenManager} is set.
     *
     * @param credentials the credentials
     * @return this builder
     */
    public Builder credentials(SaltoCredentials credentials) {
      this.credentials = Checks.notNull("credentials", credentials);
      return this;
    }

    /**
     * A token manager of your own instead of the built-in password grant, for hosts that obtain
     * tokens elsewhere (for example an authorization-code flow).
     *
     * @param tokenManager the token manager
     * @return this builder
     */
    public Builder tokenManager(TokenManager tokenManager) {
      this.tokenManager = Checks.notNull("tokenManager", tokenManager);
      return this;
    }

    /**
     * How long to wait for a TCP/TLS connection. Default 5 s; raise it only for slow networks.
     *
     * @param connectTimeout positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Checks.positive("connectTimeout", connectTimeout);
      return this;
    }

    /**
     * How long to wait for data once connected. Default 15 s. Applied to Feign and OkHttp alike.
     *
     * @param readTimeout positive duration
     * @return this builder
     */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = Checks.positive("readTimeout", readTimeout);
      return this;
    }

    /**
     * The bound on one whole HTTP exchange (connect, send, receive). Default 30 s.
     *
     * @param callTimeout positive duration
     * @return this builder
     */
    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = Checks.positive("callTimeout", callTimeout);
      return this;
    }

    /**
     * When calls are retried. Default {@link RetryPolicy#defaults()}.
     *
     * @param retryPolicy the policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Checks.notNull("retryPolicy", retryPolicy);
      return this;
    }

    /**
     * The {@code User-Agent} header. Default {@value SaltoKsClient#DEFAULT_USER_AGENT}; add your product's
     * name so SALTO support can find your requests.
     *
     * @param userAgent printable text of at most 200 characters
     * @return this builder
     */
    public Builder userAgent(String userAgent) {
      Checks.text("userAgent", userAgent, 200);
      if (!userAgent.matches("[\\x20-\\x7e]+")) {
        throw new IllegalArgumentException("userAgent must be printable ASCII");
      }
      this.userAgent = userAgent;
      return this;
    }

    /**
     * The clock for token expiry and one-time passwords. Default {@link Clock#systemUTC()}; tests
     * pass a controllable one. Unless {@link #nanoTime} is set too, a clock set here also measures
     * elapsed time (so a test clock that advances moves SALTO's time with it).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Checks.notNull("clock", clock);
      return this;
    }

    /**
     * The monotonic time source, in nanoseconds, that carries SALTO's time forward between answers.
     * Default {@link System#nanoTime()} (or, after {@link #clock}, that clock's milliseconds). SALTO's
     * time is anchored to it, not to the wall clock, so a jump of the host's clock (an NTP correction)
     * never makes a one-time password wrong. Tests that jump a clock set both, such as {@code
     * clock(fake).nanoTime(fake::nanoTime)}.
     *
     * @param nanoTime a monotonic source of nanoseconds, such as {@code System::nanoTime}
     * @return this builder
     */
    public Builder nanoTime(LongSupplier nanoTime) {
      this.nanoTime = Checks.notNull("nanoTime", nanoTime);
      return this;
    }

    /**
     * How long before expiry a token is refreshed (at most half its lifetime). Default 60 s.
     *
     * @param tokenRefreshAhead zero or positive duration
     * @return this builder
     */
    public Builder tokenRefreshAhead(Duration tokenRefreshAhead) {
      this.tokenRefreshAhead = Checks.notNegative("tokenRefreshAhead", tokenRefreshAhead);
      return this;
    }

    /**
     * How far this host's clock may be from SALTO's before the SDK warns (in the log, the Test Access
     * Request and the troubleshooter). Default 60 s. One-time passwords do not wait for this bound:
     * they use SALTO's time (from its {@code Date} header) whenever the host is known to be more than
     * 2 s off, because the IQ checks an opening's OTP and its window was never measured.
     *
     * @param maxClockSkew positive duration
     * @return this builder
     */
    public Builder maxClockSkew(Duration maxClockSkew) {
      this.maxClockSkew = Checks.positive("maxClockSkew", maxClockSkew);
      return this;
    }

    /**
     * Sends every call through an HTTP proxy (a host's egress proxy).
     *
     * @param proxy the proxy, such as {@code new Proxy(Proxy.Type.HTTP, new InetSocketAddress(host, 3128))}
     * @return this builder
     */
    public Builder proxy(java.net.Proxy proxy) {
      this.proxy = Checks.notNull("proxy", proxy);
      return this;
    }

    /**
     * Answers the proxy's {@code 407} with these credentials (HTTP Basic). Never logged.
     *
     * @param user the proxy user
     * @param password the proxy password
     * @return this builder
     */
    public Builder proxyAuthentication(String user, String password) {
      this.proxyUser = Checks.text("proxyUser", user, 200);
      this.proxyPassword = Checks.secretText("proxyPassword", password, "the proxy's password");
      return this;
    }

    /**
     * Trusts what this TLS context trusts (a host's own trust store, a corporate CA) instead of the JVM's
     * default.
     *
     * @param sslContext the context, initialised with {@code trustManager}
     * @param trustManager its trust manager
     * @return this builder
     */
    public Builder tls(javax.net.ssl.SSLContext sslContext, javax.net.ssl.X509TrustManager trustManager) {
      this.sslContext = Checks.notNull("sslContext", sslContext);
      this.trustManager = Checks.notNull("trustManager", trustManager);
      return this;
    }

    /**
     * The client's own connection pool (ignored with {@link #sharedHttp}, whose pool is the host's).
     * Default 8 idle connections for 30 s.
     *
     * @param maxIdleConnections idle connections kept, 0 to 1,000
     * @param keepAlive how long an idle connection is kept
     * @return this builder
     */
    public Builder connectionPool(int maxIdleConnections, Duration keepAlive) {
      if (maxIdleConnections < 0 || maxIdleConnections > 1000) {
        throw new IllegalArgumentException("maxIdleConnections must be 0 to 1000, got " + maxIdleConnections);
      }
      this.maxIdleConnections = maxIdleConnections;
      this.keepAlive = Checks.positive("keepAlive", keepAlive);
      return this;
    }

    /**
     * Called before each attempt of each call is sent: the supported way to add headers (a trace
     * context, a correlation id) without depending on the HTTP library.
     *
     * @param interceptor the interceptor
     * @return this builder
     */
    public Builder interceptor(Interceptor interceptor) {
      this.interceptor = Checks.notNull("interceptor", interceptor);
      return this;
    }

    /**
     * Told about every call (operation, status, duration, attempts) and every OTP suspension, for
     * metrics and tracing; in the spirit of OkHttp's {@code EventListener}. Default: none.
     *
     * @param observer the observer; it must be fast and must not throw (a throw is logged and ignored)
     * @return this builder
     */
    public Builder observer(Observer observer) {
      this.observer = Checks.notNull("observer", observer);
      return this;
    }

    /**
     * Builds the client.
     *
     * @return a new client; close it when the application stops
     * @throws IllegalArgumentException when the environment is missing, or neither or both of
     *     credentials and token manager are set
     */
    public SaltoKsClient build() {
      if (environment == null) {
        throw new IllegalArgumentException(
            "environment is missing: choose SaltoEnvironment.ACCEPTANCE to test,"
                + " SaltoEnvironment.PRODUCTION when live (manual 1.1)");
      }
      if (credentials == null && tokenManager == null) {
        throw new IllegalArgumentException(
            "credentials are missing: set credentials(SaltoCredentials.of(clientId, clientSecret,"
                + " username, password)) (manual 1.5, 1.6)");
      }
      if (credentials != null && tokenManager != null) {
        throw new IllegalArgumentException(
            "set either credentials or tokenManager, not both: the token manager would ignore the"
                + " credentials");
      }
      ClientOptions options =
          new ClientOptions(
              environment,
              connectTimeout,
              readTimeout,
              callTimeout,
              retryPolicy,
              userAgent,
              clock,
              nanoTime != null ? nanoTime : monotonicOf(clock),
              tokenRefreshAhead,
              maxClockSkew,
              maxConcurrentRequests,
              siteLimits,
              apiVersion.path(),
              sharedHttp == null ? null : sharedHttp.resources,
              new ClientOptions.HttpOptions(proxy, proxyUser, proxyPassword, sslContext, trustManager,
                  maxIdleConnections, keepAlive, interceptor, observer));
      return new SaltoKsClient(new ClientCore(options, credentials, tokenManager));
    }

    private static LongSupplier monotonicOf(Clock clock) {
      if (clock.equals(Clock.systemUTC())) {
        return System::nanoTime;
      }
      return () -> clock.millis() * 1_000_000L;
    }
  }
}
