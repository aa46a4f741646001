package nl.ireserve.saltoks.internal;

import java.util.Collection;
import nl.ireserve.saltoks.spi.TokenManager.AccessToken;
import nl.ireserve.saltoks.spi.TokenManager;
import org.jspecify.annotations.Nullable;

/**
 * Feign's {@link feign.RequestInterceptor} for the Connect API: adds the bearer token and the {@code
 * User-Agent} to every attempt. It remembers the token it last sent, so that the {@link RetryLoop}
 * can invalidate exactly the token SALTO rejected.
 */
final class ConnectHeaders implements feign.RequestInterceptor {
  private static final String AUTHORIZATION = "Authorization";
  private static final String BEARER = "Bearer ";

  private final TokenManager tokens;
  private final String userAgent;
  private volatile @Nullable AccessToken lastSent;

  ConnectHeaders(TokenManager tokens, String userAgent) {
    this.tokens = tokens;
    this.userAgent = userAgent;
  }

  @Override
  public void apply(feign.RequestTemplate template) {
    AccessToken token = tokens.token();
    lastSent = token;
    userAgent(template, userAgent);
    template.removeHeader(AUTHORIZATION); // Feign reuses the template for every attempt
    template.headerLiteral(AUTHORIZATION, BEARER + token.value());
  }

  /** Sets the {@code User-Agent} of an attempt. */
  static void userAgent(feign.RequestTemplate template, String userAgent) {
    template.removeHeader("User-Agent");
    template.headerLiteral("User-Agent", userAgent);
  }

  /** SALTO answered 401 to this request: drops its token, if it is still the current one. */
  void rejected(feign.Request request) {
    AccessToken sent = lastSent;
    Collection<String> values = request.headers().get(AUTHORIZATION);
    if (sent != null && values != null && values.contains(BEARER + sent.value())) {
      tokens.invalidate(sent);
    }
  }
}
