package nl.ireserve.saltoks.exception;

import org.jspecify.annotations.Nullable;

/**
 * A store could not do what was asked: the database failed, or stored data cannot be read. Thrown by
 * the SDK's own stores (in memory, PostgreSQL) and by a host's store implementations; the SDK turns it
 * into a refusal with the store named, never into an opened door.
 */
public class StoreException extends SaltoKsException {
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
