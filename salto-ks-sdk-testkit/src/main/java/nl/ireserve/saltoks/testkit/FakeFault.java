package nl.ireserve.saltoks.testkit;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A failure the fake server answers with instead of (or before) its normal answer, in the spirit of
 * Retrofit's {@code NetworkBehavior}. Made with the static factories; immutable.
 */
public final class FakeFault {
  /** The kinds of fault. */
  public enum Kind {
    /** An HTTP status with a SALTO-style JSON error body. */
    STATUS,
    /** The normal answer, after a delay. */
    DELAY,
    /** The connection is reset without an answer. */
    CONNECTION_RESET,
    /** HTTP 200 with a body that is not JSON. */
    MALFORMED_JSON,
    /** HTTP 200 with an empty body. */
    EMPTY_BODY,
    /** An HTML error page, as a proxy or firewall sends. */
    HTML_PAGE,
    /** HTTP 404 with an empty body, as the acceptance environment answers on every path when down. */
    OUTAGE
  }

  private final Kind kind;
  private final int status;
  private final @Nullable String retryAfter;
  private final Duration delay;

  private FakeFault(Kind kind, int status, @Nullable String retryAfter, Duration delay) {
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter;
    this.delay = delay;
  }

  /**
   * Answers with this status and a SALTO-style error body.
   *
   * @param status an HTTP status from 400 to 599
   * @return the fault
   */
  public static FakeFault status(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be 400..599, got " + status);
    }
    return new FakeFault(Kind.STATUS, status, null, Duration.ZERO);
  }

  /**
   * Answers 429 with a {@code Retry-After} header.
   *
   * @param retryAfter the header value: seconds, or an HTTP date
   * @return the fault
   */
  public static FakeFault tooManyRequests(String retryAfter) {
    return new FakeFault(Kind.STATUS, 429, Objects.requireNonNull(retryAfter), Duration.ZERO);
  }

  /**
   * Answers 503 with a {@code Retry-After} header.
   *
   * @param retryAfter the header value: seconds, or an HTTP date
   * @return the fault
   */
  public static FakeFault unavailable(String retryAfter) {
    return new FakeFault(Kind.STATUS, 503, Objects.requireNonNull(retryAfter), Duration.ZERO);
  }

  /**
   * Answers normally, but only after a delay (longer than the client's read timeout to cause one).
   * The request takes effect at the fake, as a slow real server would.
   *
   * @param delay how long
   * @return the fault
   */
  public static FakeFault delay(Duration delay) {
    return new FakeFault(Kind.DELAY, 200, null, delay);
  }

  /** Resets the connection without answering. The request does not take effect. */
  public static FakeFault connectionReset() {
    return new FakeFault(Kind.CONNECTION_RESET, 0, null, Duration.ZERO);
  }

  /** Answers 200 with a body that is not JSON. */
  public static FakeFault malformedJson() {
    return new FakeFault(Kind.MALFORMED_JSON, 200, null, Duration.ZERO);
  }

  /** Answers 200 with an empty body. */
  public static FakeFault emptyBody() {
    return new FakeFault(Kind.EMPTY_BODY, 200, null, Duration.ZERO);
  }

  /**
   * Answers with an HTML error page, as a proxy does.
   *
   * @param status the status of the page, such as 502
   * @return the fault
   */
  public static FakeFault htmlPage(int status) {
    return new FakeFault(Kind.HTML_PAGE, status, null, Duration.ZERO);
  }

  /** Answers 404 with an empty body, as a SALTO environment does during an outage. */
  public static FakeFault outage() {
    return new FakeFault(Kind.OUTAGE, 404, null, Duration.ZERO);
  }

  /** The kind. */
  public Kind kind() {
    return kind;
  }

  /** The HTTP status answered (0 for a reset connection). */
  public int status() {
    return status;
  }

  /** The {@code Retry-After} header value, or {@code null}. */
  public @Nullable String retryAfter() {
    return retryAfter;
  }

  /** The delay before answering. */
  public Duration delay() {
    return delay;
  }

  @Override
  public String toString() {
    switch (kind) {
      case STATUS:
        return "HTTP " + status + (retryAfter == null ? "" : " Retry-After " + retryAfter);
      case DELAY:
        return "delay " + delay.toMillis() + " ms";
      case HTML_PAGE:
        return "HTML page " + status;
      default:
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
  }
}
