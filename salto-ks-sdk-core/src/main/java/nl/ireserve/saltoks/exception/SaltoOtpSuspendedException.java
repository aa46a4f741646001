package nl.ireserve.saltoks.exception;

/**
 * Refused locally, nothing sent: SALTO KS already refused a one-time password computed from this IQ
 * key ({@code otp_invalid}), and sending more would get remote opening blocked for about 20 minutes
 * ({@code otp_blocked}). Verify the key again or replace it (after re-activating the IQ); the client
 * then sends one-time passwords for the IQ again.
 */
public class SaltoOtpSuspendedException extends SaltoRefusedLocallyException {
  private static final long serialVersionUID = 1L;

  /** The IQ whose OTPs are suspended. */
  private final String iqId;

  /**
   * Creates the exception.
   *
   * @param message what happened and what to do
   * @param iqId the IQ whose one-time passwords are suspended
   */
  public SaltoOtpSuspendedException(String message, String iqId) {
    super(message, null);
    this.iqId = iqId;
  }

  /** The IQ whose one-time passwords are suspended. */
  public String iqId() {
    return iqId;
  }
}
