package nl.ireserve.saltoks.exception;

/**
 * SALTO KS answered 403: the KS service account lacks rights for the operation, or the site has no valid subscription. Give the service account administrative rights on the site (manual 1.5, problem 3: "403 → insufficient permissions").
 */
public class SaltoPermissionException extends SaltoApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed and what to check
   * @param details the facts of the failed answer
   */
  public SaltoPermissionException(String message, Details details) {
    super(message, details);
  }
}
