package nl.ireserve.saltoks.mapping;

import org.jspecify.annotations.Nullable;

/** A store could not do what was asked: the database failed, or stored data cannot be read. */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed and what to check
   * @param cause the underlying failure
   */
  public StoreException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
