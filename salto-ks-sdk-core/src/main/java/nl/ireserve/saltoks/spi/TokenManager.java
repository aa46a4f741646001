package nl.ireserve.saltoks.spi;

import java.time.Instant;
import nl.ireserve.saltoks.internal.Checks;

/**
 * Supplies access tokens to the client. The default, built from {@link
 * nl.ireserve.saltoks.SaltoCredentials}, runs the password grant, caches the token, refreshes it
 * ahead of expiry with one fetch at a time, and keeps serving a still-valid token while a refresh
 * fails.
 *
 * <p>Implementations must be thread-safe: one client calls them from many threads.
 */
public interface TokenManager {
  /**
   * Returns a token that is valid now, fetching one if needed.
   *
   * @return a valid token
   * @throws nl.ireserve.saltoks.exception.SaltoKsException when no token can be had
   */
  AccessToken token();

  /**
   * Tells the manager that the API rejected this token (HTTP 401). Only that token is dropped: if
   * another thread already replaced it, nothing happens.
   *
   * @param rejected the token the API rejected
   */
  void invalidate(AccessToken rejected);

  /**
   * A bearer token for the Connect API and when it expires. {@link #toString()} never shows the value.
   *
   * @param value the bearer token
   * @param expiresAt when the identity server says it expires
   */
  record AccessToken(String value, Instant expiresAt) {

    /** Validates that both fields are present. */
    public AccessToken {
      Checks.secretText("value", value, "the identity server returned an empty access token");
      Checks.notNull("expiresAt", expiresAt);
    }

    @Override
    public String toString() {
      return "AccessToken[value=****, expiresAt=" + expiresAt + "]";
    }
  }
}
