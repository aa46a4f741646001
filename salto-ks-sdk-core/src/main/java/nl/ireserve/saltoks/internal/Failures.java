package nl.ireserve.saltoks.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import nl.ireserve.saltoks.exception.SaltoApiException;
import nl.ireserve.saltoks.exception.SaltoKsException;
import nl.ireserve.saltoks.exception.SaltoOpenOutcomeUnknownException;
import nl.ireserve.saltoks.exception.SaltoServerException;
import nl.ireserve.saltoks.exception.SaltoTimeoutException;
import nl.ireserve.saltoks.exception.SaltoTransportException;
import org.jspecify.annotations.Nullable;

/**
 * The exceptions for calls that got no usable answer (transport) or an unreadable one (malformed),
 * with messages that say what to check. Error answers are the {@link ErrorMapper}'s.
 */
final class Failures {
  private final ClientOptions options;

  Failures(ClientOptions options) {
    this.options = options;
  }

  /** A 2xx answer whose body is not what the Connect API sends: never retried. */
  Failure malformed(feign.Response response, Operation op, @Nullable String what) {
    int status = response.status();
    String requestId = Bodies.requestId(response);
    return new Failure(response.request(), status, Failure.Retry.NO, null,
        attempts -> new SaltoServerException(
            "SALTO KS answered " + op.name() + " with HTTP " + status
                + " but the answer is not readable (" + what + ")" + ErrorMapper.requestIdPart(requestId)
                + ". A proxy may have replaced it; try again later.",
            new SaltoApiException.Details(status, null, null, requestId, null, attempts)));
  }

  /** A list whose {@code next_page_link} can't be followed. */
  static SaltoServerException unusableList(String message) {
    return new SaltoServerException(message, new SaltoApiException.Details(200, null, null, null, null, 1));
  }

  /** A read's answer that broke off while its body was read: retried like a transport failure. */
  Failure bodyBrokeOff(feign.Request request, IOException io) {
    Operation op = Operation.of(request);
    return new Failure(request, 0, op.isRead() ? Failure.Retry.AFTER_BACKOFF : Failure.Retry.NO, null,
        attempts -> transport(op, io, false, attempts));
  }

  /** Failures that happen before a byte of the request can have reached the server. */
  static boolean isConnectPhase(IOException io) {
    if (io instanceof ConnectException
        || io instanceof NoRouteToHostException
        || io instanceof UnknownHostException) {
      return true;
    }
    String m = io.getMessage() == null ? "" : io.getMessage().toLowerCase(Locale.ROOT);
    return io instanceof SocketTimeoutException && m.contains("connect");
  }

  /** Whether a read may be sent again after this failure (TLS failures repeat themselves). */
  static boolean isTransient(IOException io) {
    return !(io instanceof SSLException);
  }

  /** The exception for a call that got no usable answer. */
  SaltoKsException transport(Operation op, IOException io, boolean beforeSending, int attempts) {
    String network = " Check the network and firewall between this host and "
        + options.environment().apiUrl().getHost() + " (manual 1.7: timeout → network/firewall problem).";
    if (op.command() && !beforeSending) {
      return new SaltoOpenOutcomeUnknownException(
          op.name() + " was sent to SALTO KS but no answer came back (" + io.getClass().getSimpleName()
              + "); it may or may not have taken effect, so it is not sent again. "
              + op.unknownOutcomeAdvice() + network,
          io, attempts);
    }
    if (io instanceof InterruptedIOException && !(io instanceof SocketTimeoutException && beforeSending)) {
      return new SaltoTimeoutException(
          "No answer from SALTO KS to " + op.name() + " within the timeout (read "
              + options.readTimeout().toMillis() + " ms, whole call " + options.callTimeout().toMillis()
              + " ms) after " + attempts + " attempt(s)." + network,
          io, attempts);
    }
    if (io instanceof SocketTimeoutException) {
      return new SaltoTimeoutException(
          "Could not connect to SALTO KS for " + op.name() + " within the connect timeout ("
              + options.connectTimeout().toMillis() + " ms)." + network,
          io, attempts);
    }
    if (io instanceof UnknownHostException) {
      return new SaltoTransportException(
          "The SALTO KS host name for " + op.name()
              + " does not resolve (DNS). Check the environment setting and this host's DNS.",
          io, attempts);
    }
    if (io instanceof SSLException) {
      return new SaltoTransportException(
          "TLS with SALTO KS failed for " + op.name() + " (" + io.getClass().getSimpleName()
              + "). A proxy that inspects TLS, or a missing CA certificate, is the usual cause.",
          io, attempts);
    }
    return new SaltoTransportException(
        "Could not reach SALTO KS for " + op.name() + " (" + io.getClass().getSimpleName() + ") after "
            + attempts + " attempt(s)." + network,
        io, attempts);
  }

  /** An interrupted wait (for a connection slot or a retry). */
  static SaltoTransportException interrupted(Operation op, String waitingFor, InterruptedException e,
      int attempts) {
    Thread.currentThread().interrupt();
    return new SaltoTransportException(
        op.name() + " was interrupted while waiting " + waitingFor, e, attempts);
  }
}
