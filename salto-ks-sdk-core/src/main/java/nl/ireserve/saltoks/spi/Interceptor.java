package nl.ireserve.saltoks.spi;


/**
 * Called before each attempt is sent, to add headers. Without HTTP-library types, so that the SDK's API
 * stays free of them. Must not throw.
 */
@FunctionalInterface
public interface Interceptor {
  /**
   * Looks at an outgoing attempt and adds headers to it.
   *
   * @param request the attempt
   */
  void beforeSend(OutgoingRequest request);
}
