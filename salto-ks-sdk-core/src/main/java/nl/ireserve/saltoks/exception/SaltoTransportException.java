package nl.ireserve.saltoks.exception;

import org.jspecify.annotations.Nullable;

/**
 * No usable HTTP answer arrived: the connection was refused or reset, the name did not resolve, TLS
 * failed, or the answer was not readable. The manual's advice for these is "network/firewall problem"
 * (1.7).
 */
public class SaltoTransportException extends SaltoKsException {
  private static final long serialVersionUID = 1L;

  /** Attempts made. */
  private final int attempts;

  /**
   * Creates a transport exception.
   *
   * @param message what failed and what to check
   * @param cause the I/O failure
   * @param attempts how many attempts were made
   */
  public SaltoTransportException(String message, @Nullable Throwable cause, int attempts) {
    super(message, cause);
    this.attempts = attempts;
  }

  /** How many attempts were made before giving up. */
  public int attempts() {
    return attempts;
  }

  /** True: the network or SALTO may answer later (false for an outcome-unknown command). */
  @Override
  public boolean isRetryable() {
    return true;
  }
}
