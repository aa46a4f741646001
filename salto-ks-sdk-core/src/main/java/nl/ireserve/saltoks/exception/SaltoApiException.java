package nl.ireserve.saltoks.exception;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * SALTO KS answered with an HTTP error. Carries the HTTP status, SALTO's {@code ErrorCode} (the body
 * has it as a number or a string; it is kept as a string), SALTO's request id when one was sent, the
 * {@code Retry-After} delay, and the number of attempts.
 *
 * <p>The message says status, code, request id and what to check. SALTO's own message text is kept
 * apart in {@link #serviceMessage()} and is not part of {@link #getMessage()}, because a server may
 * echo request data.
 */
public class SaltoApiException extends SaltoKsException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status. */
  private final int status;
  /** SALTO's ErrorCode or the OAuth error. */
  private final @Nullable String errorCode;
  /** SALTO's own message text. */
  private final @Nullable String serviceMessage;
  /** The request id header. */
  private final @Nullable String requestId;
  /** The Retry-After delay. */
  private final @Nullable Duration retryAfter;
  /** Attempts made. */
  private final int attempts;

  /**
   * Creates an API exception.
   *
   * @param message what failed and what to check (no secrets, no body)
   * @param details the facts of the failed answer
   */
  public SaltoApiException(String message, Details details) {
    super(message, null);
    this.status = details.status();
    this.errorCode = details.errorCode();
    this.serviceMessage = details.serviceMessage();
    this.requestId = details.requestId();
    this.retryAfter = details.retryAfter();
    this.attempts = details.attempts();
  }

  /**
   * The facts of a failed answer.
   *
   * @param status HTTP status
   * @param errorCode SALTO's {@code ErrorCode} or OAuth {@code error}, if any
   * @param serviceMessage SALTO's {@code Message} or OAuth {@code error_description}, if any
   * @param requestId request id header, if any
   * @param retryAfter the {@code Retry-After} delay, if any
   * @param attempts attempts made
   */
  public record Details(
      int status,
      @Nullable String errorCode,
      @Nullable String serviceMessage,
      @Nullable String requestId,
      @Nullable Duration retryAfter,
      int attempts) {}

  /** The HTTP status code. */
  public int status() {
    return status;
  }

  /** SALTO's {@code ErrorCode} (for example {@code "3102"}) or the OAuth {@code error}. */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  /**
   * SALTO's own message text ({@code Message} or {@code error_description}), for diagnostics screens.
   * Not included in {@link #getMessage()}.
   */
  public Optional<String> serviceMessage() {
    return Optional.ofNullable(serviceMessage);
  }

  /** The request id SALTO sent back, for support questions. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** How long SALTO asked to wait ({@code Retry-After}), if it did. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** How many attempts were made. */
  public int attempts() {
    return attempts;
  }

  /**
   * True for answers that say "later": 429, 502, 503 and 504 (and other server errors, see {@link
   * SaltoServerException}); false for every answer that needs a fix first.
   */
  @Override
  public boolean isRetryable() {
    return status == 429 || status == 502 || status == 503 || status == 504;
  }
}
