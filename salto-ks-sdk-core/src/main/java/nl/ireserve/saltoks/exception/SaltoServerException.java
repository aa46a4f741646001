package nl.ireserve.saltoks.exception;

/**
 * SALTO KS answered with a server error (5xx) or with something that is not its API (an HTML page from a proxy, an unreadable body). Usually temporary; the acceptance environment has outages.
 */
public class SaltoServerException extends SaltoApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed and what to check
   * @param details the facts of the failed answer
   */
  public SaltoServerException(String message, Details details) {
    super(message, details);
  }

  /** True: a server error or an answer a proxy replaced is usually temporary. */
  @Override
  public boolean isRetryable() {
    return true;
  }
}
