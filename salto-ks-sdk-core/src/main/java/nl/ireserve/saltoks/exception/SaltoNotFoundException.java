package nl.ireserve.saltoks.exception;

/**
 * SALTO KS answered 404: the site, lock or IQ does not exist for this account in this environment. Check the ids and the environment (acceptance vs production).
 */
public class SaltoNotFoundException extends SaltoApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed and what to check
   * @param details the facts of the failed answer
   */
  public SaltoNotFoundException(String message, Details details) {
    super(message, details);
  }
}
