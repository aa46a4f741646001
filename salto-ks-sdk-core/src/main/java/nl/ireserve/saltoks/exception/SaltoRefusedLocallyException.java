package nl.ireserve.saltoks.exception;

import org.jspecify.annotations.Nullable;

/**
 * The SDK refused before sending anything to SALTO KS, to protect the site (an IQ key that SALTO
 * refused must not be used again) or because a step cannot go on (IQ setup). The message says what to
 * do first; {@link #isRetryable()} is false.
 */
public class SaltoRefusedLocallyException extends SaltoKsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was refused and what to do
   * @param cause the failure that led to the refusal, if any
   */
  public SaltoRefusedLocallyException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
