package nl.ireserve.saltoks.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time one-time passwords are computed at. Watches the {@code Date} header of SALTO's answers;
 * when the local clock is off by more than the configured bound, the server's time is used instead.
 * The Date header has whole seconds, so skews within the bound are left alone.
 */
public final class ServerClock {
  private static final Logger LOG = LoggerFactory.getLogger(ServerClock.class);

  private final Clock local;
  private final long maxSkewMillis;
  private volatile long skewMillis;
  private volatile boolean observed;
  private volatile @Nullable String lastDate;
  private volatile long lastDateMillis;
  private final AtomicBoolean warned = new AtomicBoolean();

  /** A clock corrected when the skew exceeds {@code maxSkew}. */
  public ServerClock(Clock local, Duration maxSkew) {
    this.local = local;
    this.maxSkewMillis = maxSkew.toMillis();
  }

  /** Records the {@code Date} header of an answer that just arrived. */
  public void observe(@Nullable String dateHeader) {
    if (dateHeader == null) {
      return;
    }
    long serverMillis;
    if (dateHeader.equals(lastDate)) {
      serverMillis = lastDateMillis; // the same second as the last answer: no need to parse again
    } else {
      Instant server = parseHttpDate(dateHeader);
      if (server == null) {
        return;
      }
      serverMillis = server.toEpochMilli();
      lastDateMillis = serverMillis;
      lastDate = dateHeader;
    }
    long skew = serverMillis - local.millis();
    skewMillis = skew;
    observed = true;
    if (Math.abs(skew) > maxSkewMillis && warned.compareAndSet(false, true)) {
      LOG.warn(
          "This host's clock is off by {} s from SALTO's; one-time passwords are computed from"
              + " SALTO's time. Fix the host's time synchronisation (NTP).",
          skew / 1000);
    }
  }

  /** The time to compute a one-time password at. */
  public Instant now() {
    Instant t = local.instant();
    long skew = skewMillis;
    return Math.abs(skew) > maxSkewMillis ? t.plusMillis(skew) : t;
  }

  /** The last measured skew (server minus local), once any answer with a Date header arrived. */
  public Optional<Duration> skew() {
    return observed ? Optional.of(Duration.ofMillis(skewMillis)) : Optional.empty();
  }

  /** Whether the measured skew is beyond the bound (and OTPs use the server's time). */
  public boolean isCorrecting() {
    return observed && Math.abs(skewMillis) > maxSkewMillis;
  }

  /** Parses an RFC 1123 HTTP date, or returns {@code null}. */
  public static @Nullable Instant parseHttpDate(@Nullable String value) {
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
