package nl.ireserve.saltoks.exception;

/**
 * SALTO KS refused a remote opening because it has no IQ PIN for the service account ({@code 404},
 * {@code ErrorCode 3104}, "Cannot find pin for accessor", measured in production, salto-ks-api.md §11): the
 * account was never activated at the IQ of this lock, or its activation was removed. Not a missing lock,
 * and not a wrong one-time password, so the key is not suspended. Activate the IQ for the service account
 * ({@code IqSetup}: GET PIN, then activate keeping the e-mailed PIN, manual 1.4).
 */
public class SaltoAccessorPinMissingException extends SaltoApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed and what to do
   * @param details the facts of the failed answer
   */
  public SaltoAccessorPinMissingException(String message, Details details) {
    super(message, details);
  }
}
