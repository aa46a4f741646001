package nl.ireserve.saltoks.internal;

import feign.Feign;
import feign.Request;
import feign.Retryer;
import feign.jackson.JacksonEncoder;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The HTTP machinery of one client: one OkHttp connection pool, configured from the client's timeouts,
 * and the Feign targets over it. Feign's {@link Request.Options} get the same timeouts, because Feign
 * otherwise replaces OkHttp's (OpenFeign/feign#781).
 *
 * <p>Commands (remote open, PIN change) go through a second OkHttp client over the same pool with
 * {@code retryOnConnectionFailure(false)}: OkHttp otherwise silently re-sends a request whose
 * connection failed, which for an open could open a door twice.
 */
final class HttpStack implements AutoCloseable {
  final ConnectApi reads;
  final ConnectApi commands;
  final IdentityApi identity;
  private final OkHttpClient ok;

  HttpStack(ClientOptions o) {
    this.ok =
        new OkHttpClient.Builder()
            .connectTimeout(o.connectTimeout())
            .readTimeout(o.readTimeout())
            .writeTimeout(o.readTimeout())
            .callTimeout(o.callTimeout())
            .followRedirects(false)
            .followSslRedirects(false)
            .connectionPool(new ConnectionPool(Math.min(8, o.maxConcurrentRequests()), 30, TimeUnit.SECONDS))
            .build();
    OkHttpClient noSilentRetry = ok.newBuilder().retryOnConnectionFailure(false).build();
    Request.Options options =
        new Request.Options(
            o.connectTimeout().toMillis(), TimeUnit.MILLISECONDS,
            o.readTimeout().toMillis(), TimeUnit.MILLISECONDS,
            false);
    String api = o.environment().apiUrl().toString();
    this.reads = feign(ok, options, o.userAgent()).target(ConnectApi.class, api);
    this.commands = feign(noSilentRetry, options, o.userAgent()).target(ConnectApi.class, api);
    this.identity =
        feign(ok, options, o.userAgent())
            .encoder(new feign.codec.Encoder.Default())
            .target(IdentityApi.class, o.environment().identityUrl().toString());
  }

  private static Feign.Builder feign(OkHttpClient client, Request.Options options, String userAgent) {
    return Feign.builder()
        .client(new feign.okhttp.OkHttpClient(client))
        .options(options)
        .retryer(Retryer.NEVER_RETRY)
        .encoder(new JacksonEncoder(Json.MAPPER))
        .requestInterceptor(t -> t.header("User-Agent", userAgent));
  }

  /** Connections currently pooled (idle or in use); for tests and diagnostics. */
  int pooledConnections() {
    return ok.connectionPool().connectionCount();
  }

  @Override
  public void close() {
    ok.dispatcher().cancelAll();
    ok.dispatcher().executorService().shutdown();
    ok.connectionPool().evictAll();
  }
}
