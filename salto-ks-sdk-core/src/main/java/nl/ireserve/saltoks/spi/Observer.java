package nl.ireserve.saltoks.spi;

import java.time.Duration;

/**
 * Observes what the client does, for metrics and tracing, without a metrics library in the SDK. Every
 * method has an empty default; an implementation overrides what it needs. Called on the caller's
 * thread; must be fast and must not throw (a throw is logged and ignored). Never given a secret, a
 * token, a PIN, an OTP or a body.
 */
public interface Observer {
  /** Observes nothing (the default). */
  Observer NONE = new Observer() {};

  /**
   * A call begins, on the thread that makes it; {@link #call} follows on the same thread when it ends
   * (so a tracer can open a span here and close it there).
   *
   * @param operation the operation's name, as {@link ObservedCall#operation()}
   * @param kind its kind
   */
  default void callStarted(String operation, ObservedCall.Kind kind) {}

  /**
   * One call, after its last attempt.
   *
   * @param call what it was and how it went
   */
  default void call(ObservedCall call) {}

  /**
   * OTPs from an IQ's key were suspended locally after SALTO refused one ({@code otp_invalid}).
   *
   * @param iqId the IQ
   */
  default void otpSuspended(String iqId) {}

  /**
   * A request waited for its turn at its site's limits ({@link nl.ireserve.saltoks.SiteLimits}) before it was sent.
   *
   * @param operation the operation's name, as {@link ObservedCall#operation()}
   * @param waited how long it waited
   */
  default void throttled(String operation, Duration waited) {}

  /**
   * A request was refused unsent because its site's circuit is open ({@link nl.ireserve.saltoks.exception.SaltoCircuitOpenException}).
   *
   * @param operation the operation's name, as {@link ObservedCall#operation()}
   * @param retryAt when one probe goes through again
   */
  default void circuitOpen(String operation, java.time.Instant retryAt) {}
}
