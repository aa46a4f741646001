package nl.ireserve.saltoks;

import java.time.Duration;
import nl.ireserve.saltoks.exception.SaltoOpenOutcomeUnknownException;
import nl.ireserve.saltoks.internal.Checks;

/**
 * When the client tries a call again. Only what is safe is retried:
 *
 * <ul>
 *   <li>connection failures before anything was sent (every call);
 *   <li>429 and 503, where SALTO refused before acting, honouring {@code Retry-After} in seconds or as
 *       an HTTP date, up to {@link #maxRetryAfter()} (every call);
 *   <li>502, 504 and read timeouts, for reads only. A remote open or a PIN change whose outcome is
 *       unknown — no answer, or 500/502/504 after it was sent — is never re-sent; it fails with
 *       {@link SaltoOpenOutcomeUnknownException}.
 * </ul>
 *
 * <p>Waits grow exponentially from {@link #initialBackoff()} to {@link #maxBackoff()} with random
 * jitter (half fixed, half random), and no retry starts after {@link #overallDeadline()}. Immutable
 * and thread-safe.
 */
public final class RetryPolicy {
  /** How the client waits between attempts; tests pass one that does not really sleep. */
  @FunctionalInterface
  public interface Sleeper {
    /**
     * Waits.
     *
     * @param duration how long
     * @throws InterruptedException when interrupted; the call then fails without further attempts
     */
    void sleep(Duration duration) throws InterruptedException;
  }

  private static final Sleeper THREAD_SLEEP = d -> Thread.sleep(d.toMillis());
  private static final RetryPolicy DEFAULTS = builder().build();
  private static final RetryPolicy NONE = builder().maxAttempts(1).build();

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;
  private final Duration overallDeadline;
  private final Sleeper sleeper;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxRetryAfter = b.maxRetryAfter;
    this.overallDeadline = b.overallDeadline;
    this.sleeper = b.sleeper;
  }

  /** The defaults: 3 attempts, 200 ms to 5 s backoff, Retry-After up to 30 s, 60 s overall. */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /** One attempt only: nothing is retried (401 still triggers one token refresh). */
  public static RetryPolicy none() {
    return NONE;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this policy. */
  public Builder toBuilder() {
    return new Builder()
        .maxAttempts(maxAttempts)
        .initialBackoff(initialBackoff)
        .maxBackoff(maxBackoff)
        .maxRetryAfter(maxRetryAfter)
        .overallDeadline(overallDeadline)
        .sleeper(sleeper);
  }

  /** Most attempts per call, the first included. Default 3. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The wait before the second attempt, doubled for each later one. Default 200 ms. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** The longest backoff wait. Default 5 s. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** The longest {@code Retry-After} the client waits for; a longer one fails at once. Default 30 s. */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /** No retry starts when it would begin later than this after the first attempt. Default 60 s. */
  public Duration overallDeadline() {
    return overallDeadline;
  }

  /** How the client waits. Default {@link Thread#sleep}. */
  public Sleeper sleeper() {
    return sleeper;
  }

  @Override
  public String toString() {
    return "RetryPolicy[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff
        + ", maxBackoff=" + maxBackoff + ", maxRetryAfter=" + maxRetryAfter
        + ", overallDeadline=" + overallDeadline + "]";
  }

  /** Builds a {@link RetryPolicy}; each setter validates at once. */
  public static final class Builder {
    private int maxAttempts = 3;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private Duration maxRetryAfter = Duration.ofSeconds(30);
    private Duration overallDeadline = Duration.ofSeconds(60);
    private Sleeper sleeper = THREAD_SLEEP;

    private Builder() {}

    /**
     * Most attempts per call, the first included (1 to 10).
     *
     * @param maxAttempts the number of attempts
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1 || maxAttempts > 10) {
        throw new IllegalArgumentException(
            "maxAttempts must be between 1 and 10, got " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * The first backoff wait.
     *
     * @param initialBackoff positive duration
     * @return this builder
     */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = Checks.positive("initialBackoff", initialBackoff);
      return this;
    }

    /**
     * The longest backoff wait.
     *
     * @param maxBackoff positive duration
     * @return this builder
     */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = Checks.positive("maxBackoff", maxBackoff);
      return this;
    }

    /**
     * The longest {@code Retry-After} honoured.
     *
     * @param maxRetryAfter zero or positive duration
     * @return this builder
     */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = Checks.notNegative("maxRetryAfter", maxRetryAfter);
      return this;
    }

    /**
     * The overall deadline for starting retries.
     *
     * @param overallDeadline positive duration
     * @return this builder
     */
    public Builder overallDeadline(Duration overallDeadline) {
      this.overallDeadline = Checks.positive("overallDeadline", overallDeadline);
      return this;
    }

    /**
     * How the client waits between attempts.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Checks.notNull("sleeper", sleeper);
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     * @throws IllegalArgumentException when maxBackoff is shorter than initialBackoff
     */
    public RetryPolicy build() {
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException(
            "maxBackoff (" + maxBackoff + ") must not be shorter than initialBackoff ("
                + initialBackoff + ")");
      }
      return new RetryPolicy(this);
    }
  }
}
