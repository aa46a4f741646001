package nl.ireserve.saltoks.exception;

import org.jspecify.annotations.Nullable;

/**
 * A command (remote open, PIN change) was sent, but no usable answer came back: a read timeout, a
 * connection reset after the request was written, or HTTP 500/502/504 from SALTO or a gateway in
 * between. The door may or may not have opened; the cause says which. Named for the remote open, its
 * main case. The SDK never re-sends such a command by
 * itself: opening twice is worse than asking the guest to try again. Check the lock's entries in SALTO
 * KS before opening again.
 */
public class SaltoOpenOutcomeUnknownException extends SaltoTransportException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what happened and what to check
   * @param cause the I/O failure
   * @param attempts how many attempts were made
   */
  public SaltoOpenOutcomeUnknownException(String message, @Nullable Throwable cause, int attempts) {
    super(message, cause, attempts);
  }

  /** False: the command may have taken effect, so it is never sent again blindly. */
  @Override
  public boolean isRetryable() {
    return false;
  }

  /** True. */
  @Override
  public boolean isOutcomeUnknown() {
    return true;
  }
}
