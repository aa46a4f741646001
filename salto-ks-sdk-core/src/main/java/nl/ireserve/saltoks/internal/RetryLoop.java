package nl.ireserve.saltoks.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import nl.ireserve.saltoks.RetryPolicy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK's one retry loop, as Feign's {@link feign.Retryer}: Feign sends, and hands every failed
 * attempt here. This class either lets Feign send again (after a backoff, or at once with a fresh
 * token after a 401) or throws the typed exception with the number of attempts made.
 *
 * <ul>
 *   <li>A failure before the request left this host (connect refused, DNS): retried for any call.
 *   <li>Other I/O failures: retried for reads; a command that may have arrived is never re-sent
 *       ({@link nl.ireserve.saltoks.exception.SaltoOpenOutcomeUnknownException}).
 *   <li>Error answers: as the {@link ErrorMapper} classed them (429/503, and 502/504 for reads, after
 *       a backoff or the server's {@code Retry-After}).
 *   <li>401 from the Connect API: the one place that handles it. The rejected token is invalidated
 *       and the call is sent once more with a fresh one, never twice.
 * </ul>
 *
 * <p>Feign clones the loop for each call, so its counters are per call.
 */
final class RetryLoop implements feign.Retryer {
  private static final Logger LOG = LoggerFactory.getLogger(RetryLoop.class);

  private final RetryPolicy policy;
  private final Failures failures;
  private final @Nullable ConnectHeaders auth;
  private final long startedNanos = System.nanoTime();
  private int attempt = 1;
  private int freshTokenRetries;
  private long waitedNanos; // waits requested so far; with an injected sleeper no real time passes

  RetryLoop(RetryPolicy policy, Failures failures, @Nullable ConnectHeaders auth) {
    this.policy = policy;
    this.failures = failures;
    this.auth = auth;
  }

  @Override
  public void continueOrPropagate(feign.RetryableException e) {
    Operation op = Operation.of(e.request());
    if (e instanceof Failure) {
      answerFailed(op, (Failure) e);
    } else {
      sendFailed(op, ioCause(e));
    }
    attempt++;
  }

  private void answerFailed(Operation op, Failure f) {
    switch (f.retry()) {
      case WITH_FRESH_TOKEN:
        if (auth != null && freshTokenRetries == 0) {
          freshTokenRetries++;
          auth.rejected(f.request());
          LOG.debug("{}: the access token was rejected; sending once more with a fresh one", op.name());
          return;
        }
        throw f.toException(attempt);
      case AFTER_BACKOFF:
        Duration wait = f.waitHint() != null ? honoured(f.waitHint()) : backoff(attempt);
        if (wait != null && mayRetry(wait)) {
          LOG.debug("{}: HTTP {} on attempt {}; retrying in {} ms", op.name(), f.status(), attempt,
              wait.toMillis());
          sleep(op, wait);
          return;
        }
        throw f.toException(attempt);
      default:
        throw f.toException(attempt);
    }
  }

  private void sendFailed(Operation op, IOException io) {
    boolean beforeSending = Failures.isConnectPhase(io);
    boolean retryable = beforeSending || (op.isRead() && Failures.isTransient(io));
    if (retryable) {
      Duration wait = backoff(attempt);
      if (mayRetry(wait)) {
        LOG.debug("{}: attempt {} failed ({}); retrying in {} ms", op.name(), attempt,
            io.getClass().getSimpleName(), wait.toMillis());
        sleep(op, wait);
        return;
      }
    }
    throw failures.transport(op, io, beforeSending, attempt);
  }

  private @Nullable Duration honoured(Duration retryAfter) {
    return retryAfter.compareTo(policy.maxRetryAfter()) <= 0 ? retryAfter : null;
  }

  private boolean mayRetry(Duration wait) {
    if (attempt - freshTokenRetries >= policy.maxAttempts()) {
      return false;
    }
    long elapsed = Math.max(System.nanoTime() - startedNanos, waitedNanos);
    if (elapsed + wait.toNanos() >= policy.overallDeadline().toNanos()) {
      return false;
    }
    waitedNanos += wait.toNanos();
    return true;
  }

  /** Exponential backoff with equal jitter: half the step fixed, half random. */
  private Duration backoff(int attempt) {
    long base = policy.initialBackoff().toMillis();
    long cap = policy.maxBackoff().toMillis();
    long step = Math.min(cap, base << Math.min(attempt - 1, 20));
    long half = step / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
  }

  private void sleep(Operation op, Duration wait) {
    try {
      policy.sleeper().sleep(wait);
    } catch (InterruptedException e) {
      throw Failures.interrupted(op, "to retry", e, attempt);
    }
  }

  private static IOException ioCause(feign.RetryableException e) {
    Throwable c = e.getCause();
    return c instanceof IOException ? (IOException) c : new IOException(e.getClass().getSimpleName());
  }

  @Override
  public feign.Retryer clone() {
    return new RetryLoop(policy, failures, auth);
  }
}
