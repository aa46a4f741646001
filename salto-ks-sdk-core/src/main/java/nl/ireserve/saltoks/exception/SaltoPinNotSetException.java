package nl.ireserve.saltoks.exception;

/**
 * SALTO KS refused a remote opening because the IQ's PIN was never set for the service account
 * ({@code ErrorCode 3102}, message {@code pin_not_changed}): the activation stopped after "GET PIN".
 * Not a wrong one-time password, so the key is not suspended. Set the PIN first: finish the activation
 * with {@code IqSetup.activate(pending, emailedPin)} (manual 1.4).
 */
public class SaltoPinNotSetException extends SaltoApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed and what to do
   * @param details the facts of the failed answer
   */
  public SaltoPinNotSetException(String message, Details details) {
    super(message, details);
  }
}
