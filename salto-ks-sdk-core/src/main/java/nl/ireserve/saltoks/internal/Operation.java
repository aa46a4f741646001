package nl.ireserve.saltoks.internal;

/**
 * One kind of call, named for messages and logs, with what a retry may do to it.
 *
 * @param name a short description such as {@code "list locks"}
 * @param safety whether the call may be re-sent after an unknown outcome
 * @param unknownOutcomeAdvice what to check when a command was sent and no answer came
 */
public record Operation(String name, Safety safety, String unknownOutcomeAdvice) {
  /** What re-sending a call can do. */
  public enum Safety {
    /** Reads and token fetches: re-sending changes nothing. */
    READ,
    /** Commands with an effect (remote open, PIN change, PIN e-mail): never re-sent blindly. */
    COMMAND
  }

  /** A read. */
  public static Operation read(String name) {
    return new Operation(name, Safety.READ, "");
  }

  /** A command, with what to check when its outcome is unknown. */
  public static Operation command(String name, String unknownOutcomeAdvice) {
    return new Operation(name, Safety.COMMAND, unknownOutcomeAdvice);
  }

  /** Whether this call is a read. */
  public boolean isRead() {
    return safety == Safety.READ;
  }
}
