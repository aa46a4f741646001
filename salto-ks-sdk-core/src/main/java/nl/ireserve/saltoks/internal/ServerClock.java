package nl.ireserve.saltoks.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time one-time passwords are computed at. Watches the {@code Date} header of SALTO's answers
 * (as a Feign {@link feign.ResponseInterceptor}, so every answer is seen, errors included); whenever
 * the local clock is known to be off by more than {@link #CORRECTION_THRESHOLD} (the Date header has
 * whole seconds), the server's time is used. The OTP window was never measured and the IQ, not the
 * cloud, checks an opening's OTP, so a host even 40 s fast must not stamp OTPs in the future. The
 * configured {@code maxClockSkew} is the bound above which a warning is logged (and the diagnostics
 * report the clock), not the bound of the correction.
 *
 * <p>What was measured is one immutable {@link Reading} behind one reference, so a reader never sees
 * the skew of one answer with the date of another. SALTO's time is anchored to a monotonic clock
 * ({@link System#nanoTime()} by default), not to the wall clock: when NTP corrects the host's clock
 * after a skew was learned, SALTO's time stays right, and the local time is used again once the two
 * agree.
 */
final class ServerClock implements feign.ResponseInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger(ServerClock.class);

  /** The last {@code Date} header seen, and the monotonic time it arrived at. */
  private record Reading(String dateHeader, long serverMillis, long arrivedNanos) {}

  /** The skew above which OTPs use the server's time: twice the Date header's resolution. */
  static final Duration CORRECTION_THRESHOLD = Duration.ofSeconds(2);

  private final Clock local;
  private final LongSupplier nanoTime;
  private final long maxSkewMillis;
  private final AtomicReference<Reading> last = new AtomicReference<>();
  private final AtomicBoolean warned = new AtomicBoolean();

  ServerClock(Clock local, LongSupplier nanoTime, Duration maxSkew) {
    this.local = local;
    this.nanoTime = nanoTime;
    this.maxSkewMillis = maxSkew.toMillis();
  }

  @Override
  public Object intercept(feign.InvocationContext context, feign.ResponseInterceptor.Chain chain)
      throws Exception {
    observe(Bodies.header(context.response(), "date"));
    return chain.next(context);
  }

  /** Records the {@code Date} header of an answer that just arrived. */
  void observe(@Nullable String dateHeader) {
    if (dateHeader == null) {
      return;
    }
    Reading before = last.get();
    long serverMillis;
    if (before != null && dateHeader.equals(before.dateHeader())) {
      serverMillis = before.serverMillis(); // the same second as the last answer: no need to parse
    } else {
      Instant server = parseHttpDate(dateHeader);
      if (server == null) {
        return;
      }
      serverMillis = server.toEpochMilli();
    }
    long skew = serverMillis - local.millis();
    last.set(new Reading(dateHeader, serverMillis, nanoTime.getAsLong()));
    if (Math.abs(skew) > maxSkewMillis && warned.compareAndSet(false, true)) {
      LOG.warn(
          "This host's clock is off by {} s from SALTO's; one-time passwords are computed from"
              + " SALTO's time. Fix the host's time synchronisation (NTP).",
          skew / 1000);
    }
  }

  /** The time to compute a one-time password at. */
  Instant now() {
    long localMillis = local.millis();
    Reading r = last.get();
    if (r == null) {
      return Instant.ofEpochMilli(localMillis);
    }
    long server = serverMillisNow(r) + 500; // the Date header cuts to the second: its middle
    return Instant.ofEpochMilli(
        Math.abs(server - localMillis) > CORRECTION_THRESHOLD.toMillis() ? server : localMillis);
  }

  /** Whether any answer with a Date header arrived: until then the local clock is all there is. */
  boolean known() {
    return last.get() != null;
  }

  /**
   * The skew now (SALTO's time, carried forward on the monotonic clock from the last answer, minus the
   * local clock), once any answer with a Date header arrived.
   */
  Optional<Duration> skew() {
    Reading r = last.get();
    return r == null ? Optional.empty() : Optional.of(Duration.ofMillis(serverMillisNow(r) - local.millis()));
  }

  private long serverMillisNow(Reading r) {
    return r.serverMillis() + (nanoTime.getAsLong() - r.arrivedNanos()) / 1_000_000;
  }

  /** Parses an RFC 1123 HTTP date, or returns {@code null}. */
  static @Nullable Instant parseHttpDate(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
