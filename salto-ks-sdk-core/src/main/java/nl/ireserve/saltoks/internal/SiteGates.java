package nl.ireserve.saltoks.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.ireserve.saltoks.SiteLimits;
import nl.ireserve.saltoks.exception.SaltoCircuitOpenException;
import nl.ireserve.saltoks.exception.SaltoTransportException;
import nl.ireserve.saltoks.spi.Observer;
import org.jspecify.annotations.Nullable;

/**
 * The per-site gates of the JVM ({@link SiteLimits}): one per API host, site and limits, shared by every
 * client that has them. A gate spaces requests evenly at the site's rate, bounds them in flight, and keeps
 * a circuit per site. A gate lives while a client that used it does.
 *
 * <p>The rate limiter is written here, not taken from Resilience4j: Resilience4j's {@code RateLimiter}
 * hands out a period's permits at each period's start, so two periods' worth can go out within one second
 * across a boundary (16 requests in a second at "8 per second"), which is what a server's sliding window
 * answers with 429. Evenly spaced turns (one every {@code 1/rate} s) never exceed the rate in any second.
 * The circuit is Resilience4j's {@code CircuitBreaker} (count-based window of the last N calls, all
 * failures to open, one probe when half open): a well-tested state machine that this SDK has no reason to
 * write again.
 */
final class SiteGates {
  private static final Pattern SITE = Pattern.compile("/(?:sites|me)/([0-9a-fA-F-]{36})(?:/|$)");
  /**
   * The gates by API host, site and limits, held weakly: a gate lives as long as a client that has used it
   * (its {@link ForClient} holds it), so a host with thousands of customers keeps no gate of a customer whose
   * clients were all closed.
   */
  private static final Map<String, java.lang.ref.WeakReference<Gate>> GATES = new ConcurrentHashMap<>();
  /** Lookups of a gate so far: every 1,024th forgets the keys of collected gates. */
  private static final java.util.concurrent.atomic.AtomicInteger LOOKUPS = new java.util.concurrent.atomic.AtomicInteger();

  private SiteGates() {}

  /** The site a request is about (its UUID in the path), or null for one that is not about a site. */
  static @Nullable String siteOf(String url) {
    int query = url.indexOf('?');
    Matcher m = SITE.matcher(query < 0 ? url : url.substring(0, query));
    return m.find() ? m.group(1).toLowerCase(java.util.Locale.ROOT) : null;
  }

  /** The gate of a site for these limits, shared in the JVM while a client holds it. */
  static Gate of(String apiUrl, String siteId, SiteLimits limits) {
    Gate[] held = new Gate[1]; // a strong reference while the map is updated, so the new gate cannot vanish
    GATES.compute(apiUrl + " " + siteId + " " + limits, (k, ref) -> {
      Gate g = ref == null ? null : ref.get();
      if (g == null) {
        g = new Gate(siteId, limits);
        ref = new java.lang.ref.WeakReference<>(g);
      }
      held[0] = g;
      return ref;
    });
    if (LOOKUPS.incrementAndGet() % 1024 == 0) {
      GATES.values().removeIf(r -> r.get() == null); // forget the keys of collected gates
    }
    return held[0];
  }

  /** One client's way to its sites' gates: its API host, limits and observer, and the gates it has used. */
  static final class ForClient {
    private final String apiUrl;
    private final SiteLimits limits;
    private final Observer observer;
    private final Map<String, Gate> used = new ConcurrentHashMap<>();

    ForClient(String apiUrl, SiteLimits limits, Observer observer) {
      this.apiUrl = apiUrl;
      this.limits = limits;
      this.observer = observer;
    }

    /** Lets a request through its site's gate; null for a request that is not about one site. */
    Gate.@Nullable Pass enter(String url, Operation op) {
      String siteId = siteOf(url);
      if (siteId == null) {
        return null;
      }
      return used.computeIfAbsent(siteId, id -> of(apiUrl, id, limits)).enter(op, observer);
    }
  }

  /** One site's limiter, bound in flight and circuit. Thread-safe. */
  static final class Gate {
    private final String siteId;
    private final SiteLimits limits;
    private final long spacingNanos;
    private final @Nullable Semaphore inFlight;
    private final @Nullable CircuitBreaker circuit;
    private volatile Instant openedAt = Instant.EPOCH;
    private long nextTurn = Long.MIN_VALUE; // guarded by this

    Gate(String siteId, SiteLimits limits) {
      this.siteId = siteId;
      this.limits = limits;
      this.spacingNanos = limits.requestsPerSecond() == 0 ? 0 : 1_000_000_000L / limits.requestsPerSecond();
      this.inFlight = limits.maxInFlight() == 0 ? null : new Semaphore(limits.maxInFlight(), true);
      this.circuit = limits.circuitFailures() == 0 ? null : circuit(limits);
      if (circuit != null) {
        circuit.getEventPublisher().onStateTransition(e -> {
          if (e.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
            openedAt = Instant.now();
          }
        });
      }
    }

    private static CircuitBreaker circuit(SiteLimits limits) {
      return CircuitBreaker.of("saltoks-site", CircuitBreakerConfig.custom()
          .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
          .slidingWindowSize(limits.circuitFailures())
          .minimumNumberOfCalls(limits.circuitFailures())
          .failureRateThreshold(100) // every call of the window failed: N in a row
          .waitDurationInOpenState(limits.circuitOpenFor())
          .permittedNumberOfCallsInHalfOpenState(1) // one probe before it closes
          .automaticTransitionFromOpenToHalfOpenEnabled(false)
          .writableStackTraceEnabled(false)
          .build());
    }

    /**
     * Lets a request through: the circuit, then its turn at the site's rate, then a place in flight.
     * The returned pass must be ended exactly once.
     *
     * @throws SaltoCircuitOpenException when the circuit is open (nothing was sent)
     * @throws SaltoTransportException when no turn came within the wait (nothing was sent)
     */
    Pass enter(Operation op, Observer observer) {
      if (circuit != null && !circuit.tryAcquirePermission()) {
        Instant retryAt = openedAt.plus(limits.circuitOpenFor());
        Observed.circuitOpen(observer, op.name(), retryAt);
        throw new SaltoCircuitOpenException(op.name() + " was not sent: SALTO KS answered the last "
            + limits.circuitFailures() + " calls for site " + siteId + " with 502/503/504 or did not answer in"
            + " time, so the SDK stopped sending to it (its circuit is open). At " + retryAt + " one call goes"
            + " through to probe it; calls flow again once it succeeds. Nothing was sent.", siteId, retryAt);
      }
      long start = System.nanoTime();
      long deadline = start + limits.maxWait().toNanos();
      try {
        awaitTurn(op, deadline);
        if (inFlight != null && !inFlight.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          throw notSent(op, limits.maxInFlight() + " requests to the site are already in flight");
        }
      } catch (InterruptedException e) {
        release();
        throw Failures.interrupted(op, "for its turn at the site's rate limit", e, 1);
      } catch (RuntimeException e) {
        release();
        throw e;
      }
      long waited = System.nanoTime() - start;
      if (waited > 1_000_000L) { // a millisecond or more: worth telling
        Observed.throttled(observer, op.name(), Duration.ofNanos(waited));
      }
      return new Pass(System.nanoTime());
    }

    private void awaitTurn(Operation op, long deadline) throws InterruptedException {
      if (spacingNanos == 0) {
        return;
      }
      long turn;
      synchronized (this) {
        long now = System.nanoTime();
        turn = nextTurn == Long.MIN_VALUE || nextTurn - now < 0 ? now : nextTurn;
        if (turn - deadline > 0) {
          throw notSent(op, "its turn at the site's rate of " + limits.requestsPerSecond() + " requests per second"
              + " would come after the longest wait of " + limits.maxWait().toMillis() + " ms");
        }
        nextTurn = turn + spacingNanos;
      }
      for (long left = turn - System.nanoTime(); left > 0; left = turn - System.nanoTime()) {
        LockSupport.parkNanos(left);
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
    }

    private SaltoTransportException notSent(Operation op, String why) {
      return new SaltoTransportException(op.name() + " was not sent: " + why + " for site " + siteId + " (SiteLimits)."
          + " Nothing was sent; try again later, or raise the site's limits if SALTO takes more.", null, 0);
    }

    private void release() {
      if (circuit != null) {
        circuit.releasePermission();
      }
    }

    /** One request inside the gate: ends with its outcome. */
    final class Pass {
      private final long startedNanos;
      private boolean ended;

      Pass(long startedNanos) {
        this.startedNanos = startedNanos;
      }

      /** The request got an answer with this status. */
      void answered(int status) {
        end(status == 502 || status == 503 || status == 504, status == 429);
      }

      /** The request got no answer (a timeout, a broken connection). */
      void failed() {
        end(true, false);
      }

      /** The request was not sent after all (no slot of the client's own): counts for nothing. */
      void abandoned() {
        end(false, true);
      }

      private void end(boolean failure, boolean neither) {
        if (ended) {
          return;
        }
        ended = true;
        if (inFlight != null) {
          inFlight.release();
        }
        if (circuit == null) {
          return;
        }
        long took = System.nanoTime() - startedNanos;
        if (neither) {
          circuit.releasePermission(); // a 429 says nothing about an outage
        } else if (failure) {
          circuit.onError(took, TimeUnit.NANOSECONDS, OUTAGE);
        } else {
          circuit.onSuccess(took, TimeUnit.NANOSECONDS);
        }
      }
    }
  }

  /** What the circuit records for a failed call (never thrown). */
  private static final RuntimeException OUTAGE = new RuntimeException("502/503/504 or no answer", null, false, false) {
    private static final long serialVersionUID = 1L;
  };
}
