package nl.ireserve.saltoks.exception;

/**
 * SALTO KS blocked remote opening after repeated wrong one-time passwords ({@code ErrorCode 3102 otp_blocked}). The block clears by itself after about 20 minutes; tags keep working. Fix the IQ key before trying again.
 */
public class SaltoOtpBlockedException extends SaltoApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed and what to check
   * @param details the facts of the failed answer
   */
  public SaltoOtpBlockedException(String message, Details details) {
    super(message, details);
  }
}
