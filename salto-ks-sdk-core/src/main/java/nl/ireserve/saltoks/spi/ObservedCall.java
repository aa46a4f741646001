package nl.ireserve.saltoks.spi;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One call to SALTO KS, as an {@link Observer} sees it. Its fields are low-cardinality: an operation's
 * name has no ids in it.
 *
 * @param operation what it was, such as {@code "PATCH …/sites/{id}/locks/{lock}/locking (remote open)"}
 * @param kind a sign-in, a read or a command
 * @param status the HTTP status of its last attempt, or 0 when no answer came
 * @param duration from the first attempt to the end, waits between attempts included
 * @param attempts how many times it was sent (0 when it was refused before being sent)
 * @param failure the simple name of the exception it ended with, or null when it succeeded
 */
public record ObservedCall(String operation, Kind kind, int status, Duration duration, int attempts,
    @Nullable String failure) {
  /** What kind of call. */
  public enum Kind {
    /** A token request to the identity server. */
    SIGN_IN,
    /** A read: safe to send again. */
    READ,
    /** A command: never sent again once it may have arrived. */
    COMMAND
  }

  /** Whether it succeeded. */
  public boolean succeeded() {
    return failure == null;
  }
}
