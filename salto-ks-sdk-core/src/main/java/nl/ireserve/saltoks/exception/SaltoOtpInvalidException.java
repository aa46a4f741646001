package nl.ireserve.saltoks.exception;

/**
 * SALTO KS refused the one-time password ({@code ErrorCode 3102 otp_invalid}). Likely causes: the IQ secret was rotated (the IQ was activated in the KS mobile app), the PIN is wrong, or this host's clock is off. Repeated wrong OTPs block remote opening for about 20 minutes, so the client stops sending OTPs for that IQ until its key is verified again.
 */
public class SaltoOtpInvalidException extends SaltoApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed and what to check
   * @param details the facts of the failed answer
   */
  public SaltoOtpInvalidException(String message, Details details) {
    super(message, details);
  }
}
