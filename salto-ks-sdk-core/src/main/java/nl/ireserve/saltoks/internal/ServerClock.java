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
 * the skew of one answer with the date of another.
 */
final class ServerClock implements feign.ResponseInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger(ServerClock.class);

  /** The last {@code Date} header seen, and the skew it showed. */
  private record Reading(String dateHeader, long serverMillis, long skewMillis) {}

  /** The skew above which OTPs use the server's time: twice the Date header's resolution. */
  static final Duration CORRECTION_THRESHOLD = Duration.ofSeconds(2);

  private final Clock local;
  private final long maxSkewMillis;
  private final AtomicReference<Reading> last = new AtomicReference<>();
  private final AtomicBoolean warned = new AtomicBoolean();

  ServerClock(Clock local, Duration maxSkew) {
    this.local = local;
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
    last.set(new Reading(dateHeader, serverMillis, skew));
    if (Math.abs(skew) > maxSkewMillis && warned.compareAndSet(false, true)) {
      LOG.warn(
          "This host's clock is off by {} s from SALTO's; one-time passwords are computed from"
              + " SALTO's time. Fix the host's time synchronisation (NTP).",
          skew / 1000);
    }
  }

  /** The time to compute a one-time password at. */
  Instant now() {
    Instant t = local.instant();
    Reading r = last.get();
    return r != null && Math.abs(r.skewMillis()) > CORRECTION_THRESHOLD.toMillis()
        ? t.plusMillis(r.skewMillis()) : t;
  }

  /** The last measured skew (server minus local), once any answer with a Date header arrived. */
  Optional<Duration> skew() {
    Reading r = last.get();
    return r == null ? Optional.empty() : Optional.of(Duration.ofMillis(r.skewMillis()));
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
