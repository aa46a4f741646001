package nl.ireserve.saltoks.internal;

import feign.ExceptionPropagationPolicy;
import feign.Feign;
import feign.Request;
import feign.auth.BasicAuthRequestInterceptor;
import feign.jackson.JacksonEncoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import nl.ireserve.saltoks.SaltoCredentials;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP machinery of one client: one OkHttp connection pool, configured from the client's
 * timeouts, and the Feign targets over it, each assembled from Feign's own extension points:
 *
 * <ul>
 *   <li>{@link ConnectHeaders} ({@code RequestInterceptor}): bearer token and {@code User-Agent};
 *   <li>{@link AnswerDecoder} ({@code Decoder}): JSON into {@link Dto} records;
 *   <li>{@link ErrorMapper} ({@code ErrorDecoder}): error answers into typed exceptions;
 *   <li>{@link RetryLoop} ({@code Retryer}): the one retry loop;
 *   <li>{@link ServerClock} ({@code ResponseInterceptor}): SALTO's time from every answer;
 *   <li>{@link BoundedClient} ({@code Client}): the client's bound on requests in flight.
 * </ul>
 *
 * <p>Feign's {@link Request.Options} get the same timeouts as OkHttp, because Feign otherwise replaces
 * OkHttp's (OpenFeign/feign#781). Commands (remote open, PIN change) go through a second OkHttp client
 * over the same pool with {@code retryOnConnectionFailure(false)}: OkHttp otherwise silently re-sends
 * a request whose connection failed, which for an open could open a door twice.
 */
final class FeignStack implements AutoCloseable {
  private final ClientOptions options;
  private final ServerClock serverClock;
  private final Failures failures;
  private final OkHttpClient ok;
  private final Semaphore slots;
  private final @Nullable SharedResources shared;
  private final Request.Options timeouts;
  private final ClientGate gate = new ClientGate(this::release);
  private final SiteGates.ForClient sites;

  FeignStack(ClientOptions o, ServerClock serverClock, Failures failures) {
    this.options = o;
    this.serverClock = serverClock;
    this.failures = failures;
    this.shared = o.shared();
    this.sites = new SiteGates.ForClient(o.environment().apiUrl().toString(), o.siteLimits(), o.http().observer());
    OkHttpClient.Builder builder;
    if (shared != null) {
      builder = shared.base().newBuilder(); // the shared pool and dispatcher, this client's own settings
      shared.attach();
    } else {
      builder = new OkHttpClient.Builder().connectionPool(new ConnectionPool(
          Math.min(o.http().maxIdleConnections(), o.maxConcurrentRequests()), o.http().keepAlive().toMillis(),
          TimeUnit.MILLISECONDS));
    }
    ClientOptions.HttpOptions http = o.http();
    if (http.proxy() != null) {
      builder.proxy(http.proxy());
      if (http.proxyUser() != null) {
        String credential = okhttp3.Credentials.basic(http.proxyUser(), http.proxyPassword());
        builder.proxyAuthenticator((route, response) -> response.request().header("Proxy-Authorization") != null
            ? null // refused once: do not loop
            : response.request().newBuilder().header("Proxy-Authorization", credential).build());
      }
    }
    if (http.sslContext() != null) {
      builder.sslSocketFactory(http.sslContext().getSocketFactory(), http.trustManager());
    }
    this.ok =
        builder
            .connectTimeout(o.connectTimeout())
            .readTimeout(o.readTimeout())
            .writeTimeout(o.readTimeout())
            .callTimeout(o.callTimeout())
            .followRedirects(false)
            .followSslRedirects(false)
            .build();
    this.slots = new Semaphore(o.maxConcurrentRequests(), true);
    this.timeouts =
        new Request.Options(
            o.connectTimeout().toMillis(), TimeUnit.MILLISECONDS,
            o.readTimeout().toMillis(), TimeUnit.MILLISECONDS,
            false);
  }

  /** The token endpoint, signing in as {@code credentials}' client (HTTP Basic, form-encoded). */
  IdentityApi identity(SaltoCredentials credentials) {
    String userAgent = options.userAgent();
    return Observed.wrap(IdentityApi.class, base(ok, ErrorMapper.identity(options.environment().name(), options.clock()), null)
        .requestInterceptor(t -> ConnectHeaders.userAgent(t, userAgent))
        .requestInterceptor(new BasicAuthRequestInterceptor(
            formEncode(credentials.clientId()), formEncode(credentials.clientSecret()),
            StandardCharsets.UTF_8))
        .target(IdentityApi.class, options.environment().identityUrl().toString()), options.http().observer(), true);
  }

  /**
   * The Connect API at the client's API version.
   *
   * @param headers the token and user agent
   * @param forCommands whether the target sends commands (then OkHttp never re-sends on its own)
   */
  ConnectApi connect(ConnectHeaders headers, boolean forCommands) {
    return target(ConnectApi.class, options.apiVersion(), headers, forCommands);
  }

  /**
   * An endpoint interface at an API version: {@code v1.1} for entries and time schedules, whatever the
   * client's own version.
   */
  <T> T target(Class<T> api, String version, ConnectHeaders headers, boolean forCommands) {
    OkHttpClient client = forCommands ? ok.newBuilder().retryOnConnectionFailure(false).build() : ok;
    return Observed.wrap(api, base(client, ErrorMapper.connectApi(options.environment().name(), options.clock()), headers)
        .requestInterceptor(headers)
        .encoder(new JacksonEncoder(Json.MAPPER))
        .target(api, options.environment().apiUrl() + "/" + version), options.http().observer(), false);
  }

  private Feign.Builder base(OkHttpClient client, ErrorMapper errors, ConnectHeaders auth) {
    Feign.Builder b = Feign.builder();
    if (options.http().interceptor() != null) {
      b.requestInterceptor(new HostInterceptor(options.http().interceptor()));
    }
    return b
        .client(new BoundedClient(new feign.okhttp.OkHttpClient(client), slots,
            shared == null ? null : shared.budget(), options.connectTimeout(), gate, sites))
        .options(timeouts)
        .retryer(new RetryLoop(options.retryPolicy(), failures, auth))
        .errorDecoder(errors)
        .decoder(new AnswerDecoder(failures))
        .responseInterceptor(serverClock)
        .exceptionPropagationPolicy(ExceptionPropagationPolicy.NONE);
  }

  static String formEncode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Whether the client was closed: it sends nothing any more. */
  boolean isClosed() {
    return gate.isClosed();
  }

  /** Connections currently pooled (idle or in use); for tests and diagnostics. */
  int pooledConnections() {
    return ok.connectionPool().connectionCount();
  }

  /** Refuses new requests; the client's resources are released once the requests in flight end. */
  @Override
  public void close() {
    gate.close();
  }

  private void release() {
    if (shared != null) {
      shared.detach(); // the pool and the threads are the host's: this client owned none of them
      return;
    }
    // no cancelAll: the last request may still be reading its answer (a connection it returns later
    // closes after the keep-alive)
    ok.dispatcher().executorService().shutdown();
    ok.connectionPool().evictAll();
  }
}
