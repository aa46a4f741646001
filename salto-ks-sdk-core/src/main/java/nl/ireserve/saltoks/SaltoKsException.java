package nl.ireserve.saltoks;

import javax.annotation.Nullable;

/**
 * Root of every exception the SDK throws for a failed SALTO KS call (bad input is reported with
 * {@link IllegalArgumentException} instead).
 *
 * <p>Two branches: {@link SaltoTransportException} when no usable HTTP answer arrived (timeout,
 * refused connection, TLS), and {@link SaltoApiException} when SALTO answered with an error. Every
 * message says what to check; none contains a secret, token, PIN, one-time password or a raw response
 * body.
 */
public class SaltoKsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what failed and what to check
   * @param cause the underlying failure, if any
   */
  public SaltoKsException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception without a cause.
   *
   * @param message what failed and what to check
   */
  public SaltoKsException(String message) {
    super(message);
  }
}
