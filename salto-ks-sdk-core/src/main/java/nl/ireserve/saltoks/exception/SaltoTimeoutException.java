package nl.ireserve.saltoks.exception;

import org.jspecify.annotations.Nullable;

/**
 * SALTO KS did not answer within the configured timeout. Check the network and firewall between this
 * host and SALTO (manual 1.7: "Timeout → network/firewall problem").
 */
public class SaltoTimeoutException extends SaltoTransportException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates a timeout exception.
   *
   * @param message what timed out and what to check
   * @param cause the I/O failure
   * @param attempts how many attempts were made
   */
  public SaltoTimeoutException(String message, @Nullable Throwable cause, int attempts) {
    super(message, cause, attempts);
  }
}
