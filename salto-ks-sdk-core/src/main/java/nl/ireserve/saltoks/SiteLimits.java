package nl.ireserve.saltoks;

import java.time.Duration;
import nl.ireserve.saltoks.exception.SaltoCircuitOpenException;
import nl.ireserve.saltoks.exception.SaltoTransportException;
import nl.ireserve.saltoks.internal.Checks;

/**
 * How hard the SDK lets itself press on one SALTO site, for every client of that site in the JVM: a
 * request rate, a bound on requests in flight, and a circuit that stops sending after repeated 503s or
 * timeouts. Set with {@link SaltoKsClient.Builder#siteLimits}.
 *
 * <p>SALTO rate-limits without publishing a threshold: an operator running 10 sites at 8 requests per
 * second and 5 in flight per site still saw 570 answers 429 in 14 days, and bursts of 503 (salto-ks-api.md
 * §11). The defaults are that operator's: {@code 8} per second, {@code 5} in flight, a wait of at most 10 s
 * for a turn; the circuit opens after 5 answers 502/503/504 or timeouts in a row and tries one call again
 * after 30 s.
 *
 * <p>Clients with the same limits for the same site (API host and site UUID) share one limiter and one
 * circuit, whichever customer registry or instance of the host's code built them; clients with other limits
 * keep their own. A request that gets no turn within {@link #maxWait} is not sent ({@link
 * SaltoTransportException}, retryable); one refused by an open circuit is not sent either ({@link
 * SaltoCircuitOpenException}, which says when the SDK tries again). Requests that are not about one site
 * (the token, the list of sites) pass freely.
 *
 * @param requestsPerSecond requests sent to the site per second at most, evenly spaced (1 to 10,000), or 0
 *     for no rate limit
 * @param maxInFlight requests to the site in flight at once at most (1 to 1,024), or 0 for no bound
 * @param maxWait how long a request may wait for its turn before it fails unsent (0 to 10 minutes)
 * @param circuitFailures answers 502/503/504 or timeouts in a row that open the circuit (2 to 1,000), or 0
 *     for no circuit
 * @param circuitOpenFor how long an open circuit refuses before it lets one probe through (1 s to 1 hour)
 */
public record SiteLimits(int requestsPerSecond, int maxInFlight, Duration maxWait, int circuitFailures,
    Duration circuitOpenFor) {

  /** Validates the fields, naming the one that is out of range. */
  public SiteLimits {
    range("requestsPerSecond", requestsPerSecond, 10_000);
    range("maxInFlight", maxInFlight, 1_024);
    Checks.notNull("maxWait", maxWait);
    if (maxWait.isNegative() || maxWait.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException("maxWait must be 0 to 10 minutes, got " + maxWait);
    }
    if (circuitFailures == 1 || circuitFailures < 0 || circuitFailures > 1_000) {
      throw new IllegalArgumentException("circuitFailures must be 2 to 1000, or 0 for no circuit, got "
          + circuitFailures);
    }
    Checks.notNull("circuitOpenFor", circuitOpenFor);
    if (circuitOpenFor.compareTo(Duration.ofSeconds(1)) < 0 || circuitOpenFor.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("circuitOpenFor must be 1 s to 1 hour, got " + circuitOpenFor);
    }
  }

  private static void range(String field, int value, int max) {
    if (value < 0 || value > max) {
      throw new IllegalArgumentException(field + " must be 1 to " + max + ", or 0 for no limit, got " + value);
    }
  }

  /**
   * The defaults: 8 requests per second, 5 in flight, at most 10 s of waiting, the circuit open after 5
   * failures in a row for 30 s.
   *
   * @return the defaults
   */
  public static SiteLimits defaults() {
    return new SiteLimits(8, 5, Duration.ofSeconds(10), 5, Duration.ofSeconds(30));
  }

  /**
   * No rate limit and no bound in flight, the circuit as by default: for a fake server in tests, or a
   * host that limits requests itself.
   *
   * @return the limits
   */
  public static SiteLimits unlimited() {
    return new SiteLimits(0, 0, Duration.ofSeconds(10), 5, Duration.ofSeconds(30));
  }

  /**
   * The same limits with another rate.
   *
   * @param perSecond requests per second, or 0 for none
   * @return the limits
   */
  public SiteLimits withRequestsPerSecond(int perSecond) {
    return new SiteLimits(perSecond, maxInFlight, maxWait, circuitFailures, circuitOpenFor);
  }

  /**
   * The same limits with another bound in flight.
   *
   * @param max requests in flight, or 0 for none
   * @return the limits
   */
  public SiteLimits withMaxInFlight(int max) {
    return new SiteLimits(requestsPerSecond, max, maxWait, circuitFailures, circuitOpenFor);
  }

  /**
   * The same limits with another longest wait for a turn.
   *
   * @param wait the wait
   * @return the limits
   */
  public SiteLimits withMaxWait(Duration wait) {
    return new SiteLimits(requestsPerSecond, maxInFlight, wait, circuitFailures, circuitOpenFor);
  }

  /**
   * The same limits with another circuit.
   *
   * @param failures failures in a row that open it, or 0 for no circuit
   * @param openFor how long it stays open before one probe
   * @return the limits
   */
  public SiteLimits withCircuit(int failures, Duration openFor) {
    return new SiteLimits(requestsPerSecond, maxInFlight, maxWait, failures, openFor);
  }
}
