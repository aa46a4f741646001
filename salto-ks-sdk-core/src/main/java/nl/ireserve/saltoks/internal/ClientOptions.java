package nl.ireserve.saltoks.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;
import nl.ireserve.saltoks.RetryPolicy;
import nl.ireserve.saltoks.SaltoEnvironment;
import nl.ireserve.saltoks.spi.Observer;
import org.jspecify.annotations.Nullable;

/** The validated settings of one client, as the builder hands them over. */
public record ClientOptions(
    SaltoEnvironment environment,
    Duration connectTimeout,
    Duration readTimeout,
    Duration callTimeout,
    RetryPolicy retryPolicy,
    String userAgent,
    Clock clock,
    LongSupplier nanoTime,
    Duration tokenRefreshAhead,
    Duration maxClockSkew,
    int maxConcurrentRequests,
    nl.ireserve.saltoks.SiteLimits siteLimits,
    String apiVersion,
    @Nullable SharedResources shared,
    HttpOptions http) {

  /**
   * What a host controls of the HTTP client, without OkHttp types: a proxy (with authentication), the TLS
   * trust, the connection pool, an interceptor and an observer.
   *
   * @param proxy the proxy, or null for a direct connection
   * @param proxyUser the proxy's user, or null
   * @param proxyPassword the proxy's password, or null
   * @param sslContext the TLS context, or null for the JVM's
   * @param trustManager the trust manager of {@code sslContext}, or null
   * @param maxIdleConnections idle connections kept (own pool only)
   * @param keepAlive how long an idle connection is kept (own pool only)
   * @param interceptor called before each attempt is sent, or null
   * @param observer told about each call, never null
   */
  public record HttpOptions(java.net.@Nullable Proxy proxy, @Nullable String proxyUser, @Nullable String proxyPassword,
      javax.net.ssl.@Nullable SSLContext sslContext, javax.net.ssl.@Nullable X509TrustManager trustManager,
      int maxIdleConnections, Duration keepAlive, nl.ireserve.saltoks.spi.@Nullable Interceptor interceptor,
      nl.ireserve.saltoks.spi.Observer observer) {
    @Override
    public String toString() {
      return "HttpOptions[proxy=" + proxy + ", proxyUser=" + (proxyUser == null ? "none" : "****")
          + ", sslContext=" + (sslContext == null ? "default" : "custom") + "]";
    }
  }
}
