package nl.ireserve.saltoks.spi;


/** An attempt about to be sent, as an {@link Interceptor} sees it: what it is, and headers to add. */
public interface OutgoingRequest {
  /** The HTTP method. */
  String method();

  /** The URL, without the query. */
  String url();

  /** The operation's name, as {@link ObservedCall#operation()}. */
  String operation();

  /**
   * Adds a header (replacing one of the same name). {@code Authorization} may not be set here.
   *
   * @param name the header's name
   * @param value its value
   */
  void header(String name, String value);
}
