package nl.ireserve.saltoks.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import nl.ireserve.saltoks.SaltoCredentials;
import nl.ireserve.saltoks.exception.SaltoKsException;
import nl.ireserve.saltoks.spi.TokenManager.AccessToken;
import nl.ireserve.saltoks.spi.TokenManager;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link TokenManager}: the OAuth password grant with scope {@code
 * user_api.full_access} and HTTP Basic client authentication.
 *
 * <ul>
 *   <li>The fast path is one volatile read and one clock read.
 *   <li>Inside the refresh-ahead window one caller refreshes while the others keep using the current
 *       token; a failed refresh is logged and retried after a pause while the token stays valid.
 *   <li>Without a valid token, callers queue on one lock: exactly one fetch runs (single flight). A
 *       failure is thrown to the caller that fetched and to every caller that waited for that
 *       fetch; it is never swallowed, and waiting callers do not each fetch again.
 *   <li>{@link #invalidate} drops only the token that failed.
 * </ul>
 */
final class PasswordGrantTokenManager implements TokenManager {
  private static final Logger LOG = LoggerFactory.getLogger(PasswordGrantTokenManager.class);
  private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
  private static final long FAILED_REFRESH_PAUSE_MILLIS = 5_000;

  /** A token with its times precomputed for the fast path. */
  private static final class Held {
    final AccessToken token;
    final long refreshAtMillis;
    final long expiresAtMillis;

    Held(AccessToken token, long refreshAtMillis, long expiresAtMillis) {
      this.token = token;
      this.refreshAtMillis = refreshAtMillis;
      this.expiresAtMillis = expiresAtMillis;
    }
  }

  private final IdentityApi identity;
  private final Clock clock;
  private final long refreshAheadMillis;
  private final String form;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile @Nullable Held current;
  private volatile long nextRefreshAttemptMillis;
  private volatile long fetchGeneration;
  private volatile @Nullable SaltoKsException lastFailure;

  /**
   * A token manager signing in through {@code identity}, whose interceptor authenticates the client.
   *
   * @param identity the token endpoint
   * @param credentials the service account's user name and password
   * @param clock the clock for expiry
   * @param refreshAhead how long before expiry a token is refreshed (at most half its lifetime)
   */
  PasswordGrantTokenManager(
      IdentityApi identity, SaltoCredentials credentials, Clock clock, Duration refreshAhead) {
    this.identity = identity;
    this.clock = clock;
    this.refreshAheadMillis = refreshAhead.toMillis();
    this.form =
        "grant_type=password&username="
            + FeignStack.formEncode(credentials.username())
            + "&password="
            + FeignStack.formEncode(credentials.password())
            + "&scope="
            + FeignStack.formEncode("user_api.full_access");
  }

  @Override
  public AccessToken token() {
    Held h = current;
    long now = clock.millis();
    if (h != null && now < h.refreshAtMillis) {
      return h.token;
    }
    if (h != null && now < h.expiresAtMillis) {
      refreshAhead(h, now);
      Held after = current;
      return after != null ? after.token : h.token;
    }
    long generationSeen = fetchGeneration;
    lock.lock();
    try {
      Held again = current;
      if (again != null && clock.millis() < again.expiresAtMillis) {
        return again.token;
      }
      SaltoKsException failed = lastFailure;
      if (fetchGeneration != generationSeen && failed != null) {
        throw failed; // a fetch ran and failed while this caller waited: do not hammer the server
      }
      fetchGeneration++;
      try {
        Held fresh = fetch();
        lastFailure = null;
        current = fresh;
        return fresh.token;
      } catch (SaltoKsException e) {
        lastFailure = e;
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  private void refreshAhead(Held seen, long now) {
    if (now < nextRefreshAttemptMillis || !lock.tryLock()) {
      return; // another caller refreshes, or the last attempt failed a moment ago
    }
    try {
      if (current != seen) {
        return;
      }
      current = fetch();
    } catch (SaltoKsException e) {
      nextRefreshAttemptMillis = clock.millis() + FAILED_REFRESH_PAUSE_MILLIS;
      LOG.warn(
          "Refreshing the SALTO KS access token failed; the current token stays in use until it"
              + " expires at {}. Cause: {}",
          seen.token.expiresAt(),
          e.getMessage());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void invalidate(AccessToken rejected) {
    lock.lock();
    try {
      Held h = current;
      if (h != null && h.token.value().equals(rejected.value())) {
        current = null;
        LOG.debug("Dropped an access token the API rejected; the next call fetches a new one");
      }
    } finally {
      lock.unlock();
    }
  }

  private Held fetch() {
    long requestedAt = clock.millis();
    Dto.Token answer = identity.token(form); // a blank or missing token fails while decoded
    long lifetimeMillis =
        answer.expiresIn() != null && answer.expiresIn() > 0
            ? answer.expiresIn() * 1000
            : DEFAULT_LIFETIME.toMillis();
    long expiresAt = requestedAt + lifetimeMillis;
    long ahead = Math.min(refreshAheadMillis, lifetimeMillis / 2);
    LOG.debug("Fetched a SALTO KS access token valid for {} s", lifetimeMillis / 1000);
    return new Held(
        new AccessToken(answer.accessToken(), Instant.ofEpochMilli(expiresAt)),
        expiresAt - ahead,
        expiresAt);
  }
}
