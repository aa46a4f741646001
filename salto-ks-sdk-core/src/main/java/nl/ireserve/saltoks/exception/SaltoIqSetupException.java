package nl.ireserve.saltoks.exception;

import org.jspecify.annotations.Nullable;

/** IQ OTP setup (manual 1.4) cannot go on; {@link #problem()} says why, the message what to do. */
public class SaltoIqSetupException extends SaltoRefusedLocallyException {
  private static final long serialVersionUID = 1L;

  /** Why setup stopped. */
  public enum Problem {
    /**
     * The service account already activated this IQ, so SALTO no longer hands out its secret.
     * Activating in the KS mobile app rotates the secret; a lost key cannot be recovered by API.
     */
    ALREADY_ACTIVATED,
    /** SALTO refused the OTP made from the current PIN: the PIN entered is not the e-mailed one. */
    WRONG_CURRENT_PIN,
    /** The IQ is offline; it must be online to change its PIN. */
    IQ_OFFLINE,
    /** One-time passwords are not enabled on this IQ. */
    OTP_NOT_ENABLED
  }

  /** Why setup stopped. */
  private final Problem problem;

  /**
   * Creates the exception.
   *
   * @param message what to do
   * @param problem why setup stopped
   * @param cause the API failure, if any
   */
  public SaltoIqSetupException(String message, Problem problem, @Nullable Throwable cause) {
    super(message, cause);
    this.problem = problem;
  }

  /** Why setup stopped. */
  public Problem problem() {
    return problem;
  }
}
