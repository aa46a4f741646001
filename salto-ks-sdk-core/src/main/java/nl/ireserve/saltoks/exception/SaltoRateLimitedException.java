package nl.ireserve.saltoks.exception;

/**
 * SALTO KS answered 429 (too many requests). {@link #retryAfter()} says how long it asked to wait.
 */
public class SaltoRateLimitedException extends SaltoApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed and what to check
   * @param details the facts of the failed answer
   */
  public SaltoRateLimitedException(String message, Details details) {
    super(message, details);
  }
}
