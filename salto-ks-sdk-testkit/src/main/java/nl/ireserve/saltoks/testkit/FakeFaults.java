package nl.ireserve.saltoks.testkit;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import nl.ireserve.saltoks.testkit.internal.FaultPlan;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer.Route;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Arms faults on the fake server: {@code fake.faults().on(Route.OPEN_LOCK).next(2,
 * FakeFault.status(503))}. The first armed fault that matches a request is used; faults without a
 * count stay until {@link #clear()}. Thread-safe.
 */
public final class FakeFaults {
  private final FaultPlan plan;

  FakeFaults(FaultPlan plan) {
    this.plan = plan;
  }

  /**
   * Aims at requests to these routes.
   *
   * @param first a route
   * @param more more routes
   * @return the arming step
   */
  public Arming on(Route first, Route... more) {
    return new Arming(EnumSet.of(first, more));
  }

  /** Aims at every Connect API request (not the token endpoint). */
  public Arming onApi() {
    Set<Route> api = EnumSet.allOf(Route.class);
    api.remove(Route.TOKEN);
    return new Arming(api);
  }

  /** Aims at every request, the token endpoint included: a whole-environment outage. */
  public Arming onEverything() {
    return new Arming(EnumSet.allOf(Route.class));
  }

  /** Disarms every fault. */
  public void clear() {
    plan.clear();
  }

  /** The faults armed now, one line each: the routes, the fault, how many more times (or always). */
  public List<String> armed() {
    return plan.describe();
  }

  /** The second step of arming: how often. */
  public final class Arming {
    private final Set<Route> routes;
    private final int skip;

    private Arming(Set<Route> routes) {
      this(routes, 0);
    }

    private Arming(Set<Route> routes, int skip) {
      this.routes = routes;
      this.skip = skip;
    }

    /**
     * Lets the next {@code calls} matching requests through before the fault applies: to hit the second
     * call of a route (a list, then a create).
     *
     * @param calls how many to let through
     * @return the arming
     */
    public Arming skipping(int calls) {
      if (calls < 0) {
        throw new IllegalArgumentException("calls must be at least 0, got " + calls);
      }
      return new Arming(routes, calls);
    }

    /**
     * The next {@code times} matching requests fail with {@code fault}.
     *
     * @param times how many, at least 1
     * @param fault the fault
     */
    public void next(int times, FakeFault fault) {
      if (times < 1) {
        throw new IllegalArgumentException("times must be at least 1, got " + times);
      }
      plan.arm(routes, fault, times, skip);
    }

    /**
     * Every matching request fails with {@code fault} until {@link FakeFaults#clear()}.
     *
     * @param fault the fault
     */
    public void always(FakeFault fault) {
      plan.arm(routes, fault, -1, skip);
    }
  }

  /**
   * A failure the fake server answers with instead of (or before) its normal answer, in the spirit of
   * Retrofit's {@code NetworkBehavior}. Made with the static factories; immutable.
   */
  public static final class FakeFault {
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
}
