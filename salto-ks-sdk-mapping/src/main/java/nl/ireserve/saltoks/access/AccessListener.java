package nl.ireserve.saltoks.access;

/**
 * Receives an {@link AccessEvent} for every open attempt, granted or not. Called on the opening
 * thread after the outcome is settled; an exception here is logged and does not change the outcome.
 */
@FunctionalInterface
public interface AccessListener {
  /**
   * Called once per attempt.
   *
   * @param event the attempt
   */
  void onAccessEvent(AccessEvent event);
}
