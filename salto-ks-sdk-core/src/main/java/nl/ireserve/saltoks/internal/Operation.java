package nl.ireserve.saltoks.internal;

/**
 * One kind of call, named for messages and logs, with what a retry may do to it.
 *
 * @param name a short description such as {@code "list locks"}
 * @param safety whether the call may be re-sent after an unknown outcome
 */
public record Operation(String name, Safety safety) {
  /** What re-sending a call can do. */
  public enum Safety {
    /** Reads and token fetches: re-sending changes nothing. */
    READ,
    /** Commands with an effect (remote open, PIN change, PIN e-mail): never re-sent blindly. */
    COMMAND
  }

  /** A read. */
  public static Operation read(String name) {
    return new Operation(name, Safety.READ);
  }

  /** A command. */
  public static Operation command(String name) {
    return new Operation(name, Safety.COMMAND);
  }

  /** Whether this call is a read. */
  public boolean isRead() {
    return safety == Safety.READ;
  }
}
