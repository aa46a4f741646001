package nl.ireserve.saltoks.internal;

import feign.RetryableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import javax.annotation.Nullable;
import javax.net.ssl.SSLException;
import nl.ireserve.saltoks.RetryPolicy;
import nl.ireserve.saltoks.SaltoApiException;
import nl.ireserve.saltoks.SaltoKsException;
import nl.ireserve.saltoks.SaltoOpenOutcomeUnknownException;
import nl.ireserve.saltoks.SaltoTimeoutException;
import nl.ireserve.saltoks.SaltoTransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one call with the retry policy: reads the whole answer, feeds the server clock, maps errors
 * to exceptions, and retries only what is safe (see {@link RetryPolicy}). Stateless apart from its
 * settings; thread-safe.
 */
public final class Transport {
  private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
  private static final int MAX_BODY = 1 << 20;

  /** How an answer is checked once it arrived; throws the mapped exception for errors. */
  @FunctionalInterface
  public interface ErrorMapping {
    /** The exception for an error answer. */
    SaltoApiException map(Operation op, HttpAnswer answer, int attempts);
  }

  private final ClientOptions options;
  private final ServerClock serverClock;
  private final java.util.concurrent.Semaphore inFlight;

  /** A transport with the client's options. */
  public Transport(ClientOptions options, ServerClock serverClock) {
    this.options = options;
    this.serverClock = serverClock;
    this.inFlight = new java.util.concurrent.Semaphore(options.maxConcurrentRequests(), true);
  }

  /** Sends one attempt, holding one of the client's request slots (which bounds its connections). */
  private feign.Response sendBounded(Supplier<feign.Response> send, Operation op, int attempt) {
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SaltoTransportException(op.name() + " was interrupted while waiting for a free connection", e, attempt);
    }
    try {
      return send.get();
    } finally {
      inFlight.release();
    }
  }

  /**
   * Sends a call until it succeeds, fails for good, or the policy stops retrying.
   *
   * @param op what is called
   * @param send performs one attempt
   * @param errors maps error answers
   * @return the successful answer
   */
  public HttpAnswer execute(Operation op, Supplier<feign.Response> send, ErrorMapping errors) {
    RetryPolicy policy = options.retryPolicy();
    long started = System.nanoTime();
    long[] waited = {0}; // waits requested so far; with an injected sleeper no real time passes
    int attempt = 0;
    while (true) {
      attempt++;
      long t0 = System.nanoTime();
      HttpAnswer answer;
      try {
        answer = read(sendBounded(send, op, attempt));
      } catch (RetryableException e) {
        IOException io = ioCause(e);
        boolean beforeSending = isConnectPhase(io);
        boolean retryable = beforeSending || (op.isRead() && isTransient(io));
        Duration wait = retryable ? backoff(policy, attempt) : null;
        if (wait != null && mayRetry(policy, attempt, started, waited, wait)) {
          LOG.debug("{}: attempt {} failed ({}); retrying in {} ms", op.name(), attempt,
              io.getClass().getSimpleName(), wait.toMillis());
          sleep(policy, wait, op, attempt);
          continue;
        }
        throw transportFailure(op, io, beforeSending, attempt);
      } catch (BodyReadFailure e) {
        boolean retryable = op.isRead();
        Duration wait = retryable ? backoff(policy, attempt) : null;
        if (wait != null && mayRetry(policy, attempt, started, waited, wait)) {
          sleep(policy, wait, op, attempt);
          continue;
        }
        throw transportFailure(op, e.io, false, attempt);
      }
      serverClock.observe(answer.header("date"));
      if (LOG.isDebugEnabled()) {
        LOG.debug("{} -> HTTP {} in {} ms (attempt {})", op.name(), answer.status(),
            (System.nanoTime() - t0) / 1_000_000, attempt);
      }
      if (answer.isSuccess()) {
        return answer;
      }
      SaltoApiException failure = errors.map(op, answer, attempt);
      if (op.safety() == Operation.Safety.COMMAND && (answer.status() == 500 || answer.status() == 502
          || answer.status() == 504)) {
        // A server or gateway error after a command was delivered: SALTO may have acted on it.
        throw new SaltoOpenOutcomeUnknownException(
            op.name() + " got HTTP " + answer.status() + " from SALTO KS or a gateway in between; the"
                + " command may or may not have taken effect, so it is not sent again. "
                + op.unknownOutcomeAdvice(),
            failure,
            attempt);
      }
      Duration wait = retryDelay(policy, op, answer.status(), failure, attempt);
      if (wait != null && mayRetry(policy, attempt, started, waited, wait)) {
        LOG.debug("{}: HTTP {} on attempt {}; retrying in {} ms", op.name(), answer.status(),
            attempt, wait.toMillis());
        sleep(policy, wait, op, attempt);
        continue;
      }
      throw failure;
    }
  }

  private static @Nullable Duration retryDelay(
      RetryPolicy policy, Operation op, int status, SaltoApiException failure, int attempt) {
    boolean refusedBeforeActing = status == 429 || status == 503;
    boolean gatewayTrouble = status == 502 || status == 504;
    if (!refusedBeforeActing && !(gatewayTrouble && op.isRead())) {
      return null;
    }
    Duration retryAfter = failure.retryAfter().orElse(null);
    if (retryAfter != null) {
      return retryAfter.compareTo(policy.maxRetryAfter()) <= 0 ? retryAfter : null;
    }
    return backoff(policy, attempt);
  }

  private static boolean mayRetry(
      RetryPolicy policy, int attempt, long startedNanos, long[] waited, Duration wait) {
    if (attempt >= policy.maxAttempts()) {
      return false;
    }
    long elapsed = Math.max(System.nanoTime() - startedNanos, waited[0]);
    if (elapsed + wait.toNanos() >= policy.overallDeadline().toNanos()) {
      return false;
    }
    waited[0] += wait.toNanos();
    return true;
  }

  /** Exponential backoff with equal jitter: half the step fixed, half random. */
  static Duration backoff(RetryPolicy policy, int attempt) {
    long base = policy.initialBackoff().toMillis();
    long cap = policy.maxBackoff().toMillis();
    long step = Math.min(cap, base << Math.min(attempt - 1, 20));
    long half = step / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
  }

  private static void sleep(RetryPolicy policy, Duration wait, Operation op, int attempt) {
    try {
      policy.sleeper().sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SaltoTransportException(
          op.name() + " was interrupted while waiting to retry", e, attempt);
    }
  }

  private HttpAnswer read(feign.Response response) {
    try (feign.Response r = response) {
      byte[] body = EMPTY;
      if (r.body() != null) {
        Integer length = r.body().length();
        try (InputStream in = r.body().asInputStream()) {
          body = length != null && length <= MAX_BODY ? in.readNBytes(length) : readBounded(in);
        }
        if (body.length > MAX_BODY) {
          body = EMPTY; // far beyond any Connect API answer: treated as unreadable
        }
      }
      return new HttpAnswer(r.status(), r.headers(), body);
    } catch (IOException e) {
      throw new BodyReadFailure(e);
    }
  }

  private static final byte[] EMPTY = new byte[0];

  /** Reads a body of unknown length, at most one byte more than the limit. */
  private static byte[] readBounded(InputStream in) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(1024);
    byte[] buf = new byte[2048];
    int n;
    while (out.size() <= MAX_BODY && (n = in.read(buf, 0, Math.min(buf.length, MAX_BODY + 1 - out.size()))) > 0) {
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /** The answer started but its body could not be read. */
  private static final class BodyReadFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final IOException io;

    BodyReadFailure(IOException io) {
      super(io);
      this.io = io;
    }
  }

  private static IOException ioCause(RetryableException e) {
    Throwable c = e.getCause();
    return c instanceof IOException ? (IOException) c : new IOException(e.getMessage(), e);
  }

  /** Failures that happen before a byte of the request can have reached the server. */
  static boolean isConnectPhase(IOException io) {
    if (io instanceof ConnectException
        || io instanceof NoRouteToHostException
        || io instanceof UnknownHostException) {
      return true;
    }
    String m = io.getMessage() == null ? "" : io.getMessage().toLowerCase(Locale.ROOT);
    return io instanceof SocketTimeoutException && m.contains("connect");
  }

  private static boolean isTransient(IOException io) {
    return !(io instanceof SSLException);
  }

  private SaltoKsException transportFailure(
      Operation op, IOException io, boolean beforeSending, int attempts) {
    String host = options.environment().apiUrl().getHost();
    String network =
        " Check the network and firewall between this host and "
            + host
            + " (manual 1.7: timeout → network/firewall problem).";
    if (op.safety() == Operation.Safety.COMMAND && !beforeSending) {
      return new SaltoOpenOutcomeUnknownException(
          op.name()
              + " was sent to SALTO KS but no answer came back ("
              + describe(io)
              + "); it may or may not have taken effect, so it is not sent again. "
              + op.unknownOutcomeAdvice()
              + network,
          io,
          attempts);
    }
    if (io instanceof InterruptedIOException && !(io instanceof SocketTimeoutException && beforeSending)) {
      return new SaltoTimeoutException(
          "No answer from SALTO KS to "
              + op.name()
              + " within the timeout (read "
              + options.readTimeout().toMillis()
              + " ms, whole call "
              + options.callTimeout().toMillis()
              + " ms) after "
              + attempts
              + " attempt(s)."
              + network,
          io,
          attempts);
    }
    if (io instanceof SocketTimeoutException) {
      return new SaltoTimeoutException(
          "Could not connect to SALTO KS for "
              + op.name()
              + " within the connect timeout ("
              + options.connectTimeout().toMillis()
              + " ms)."
              + network,
          io,
          attempts);
    }
    if (io instanceof UnknownHostException) {
      return new SaltoTransportException(
          "The SALTO KS host name for "
              + op.name()
              + " does not resolve (DNS). Check the environment setting and this host's DNS.",
          io,
          attempts);
    }
    if (io instanceof SSLException) {
      return new SaltoTransportException(
          "TLS with SALTO KS failed for "
              + op.name()
              + " ("
              + io.getClass().getSimpleName()
              + "). A proxy that inspects TLS, or a missing CA certificate, is the usual cause.",
          io,
          attempts);
    }
    return new SaltoTransportException(
        "Could not reach SALTO KS for " + op.name() + " (" + describe(io) + ") after " + attempts
            + " attempt(s)." + network,
        io,
        attempts);
  }

  private static String describe(IOException io) {
    return io.getClass().getSimpleName();
  }
}
