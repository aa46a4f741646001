package nl.ireserve.saltoks.exception;

import nl.ireserve.saltoks.RetryPolicy;
import org.jspecify.annotations.Nullable;

/**
 * Root of every exception the SDK throws for SALTO KS (bad input, a null included, is {@link
 * IllegalArgumentException} naming the field). Unchecked. Three branches:
 *
 * <ul>
 *   <li>{@link SaltoTransportException}: no usable answer (timeout, refused connection, TLS); its
 *       subclass {@link SaltoOpenOutcomeUnknownException} when a command may or may not have taken
 *       effect;
 *   <li>{@link SaltoApiException}: SALTO answered with an error (status subclasses: authentication,
 *       permission, not found, OTP invalid or blocked, rate limited, server error);
 *   <li>{@link SaltoRefusedLocallyException}: the SDK refused before sending anything (OTP suspended,
 *       IQ setup cannot go on).
 * </ul>
 *
 * <p>Ask the exception rather than doing status arithmetic: {@link #isRetryable()} and {@link
 * #isOutcomeUnknown()}. Every message says what to check; none contains a secret, token, PIN,
 * one-time password or a raw response body.
 */
public abstract class SaltoKsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what failed and what to check
   * @param cause the underlying failure, if any
   */
  protected SaltoKsException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether the same call may succeed if made again later, and is safe to make again: the SDK already
   * retried within its {@link RetryPolicy}; this tells a host whether to offer "try again". False for
   * anything that needs a fix first (credentials, rights, an IQ key) and for a command whose outcome
   * is unknown.
   *
   * @return whether a later retry makes sense
   */
  public boolean isRetryable() {
    return false;
  }

  /**
   * Whether a command (remote open, PIN change) was sent and may or may not have taken effect. Never
   * send it again blindly: check the lock's entries first.
   *
   * @return whether the outcome is unknown
   */
  public boolean isOutcomeUnknown() {
    return false;
  }
}
