package nl.ireserve.saltoks.internal;

import java.time.Duration;
import java.util.function.IntFunction;
import nl.ireserve.saltoks.exception.SaltoKsException;
import org.jspecify.annotations.Nullable;

/**
 * One failed attempt on its way to the {@link RetryLoop}: whether and how it may be tried again, and
 * the exception it becomes when it is not (given the number of attempts, which only the loop knows).
 * Made by the {@link ErrorMapper} for error answers and by the {@link AnswerDecoder} for unreadable
 * ones. A Feign {@link feign.RetryableException} so that Feign hands every failure to the loop; it is
 * never thrown to the caller.
 */
final class Failure extends feign.RetryableException {
  private static final long serialVersionUID = 1L;

  /** How an attempt may be repeated. */
  enum Retry {
    /** Not at all: the exception is final. */
    NO,
    /** After a backoff (or the server's {@code Retry-After}), within the retry policy. */
    AFTER_BACKOFF,
    /** Once, with a fresh access token (the API rejected the one sent). */
    WITH_FRESH_TOKEN
  }

  private final transient Retry retry;
  private final transient @Nullable Duration retryAfter;
  private final transient IntFunction<SaltoKsException> exception;

  Failure(
      feign.Request request,
      int status,
      Retry retry,
      @Nullable Duration retryAfter,
      IntFunction<SaltoKsException> exception) {
    super(status, Operation.of(request).name(), request.httpMethod(), (Long) null, request);
    this.retry = retry;
    this.retryAfter = retryAfter;
    this.exception = exception;
  }

  Retry retry() {
    return retry;
  }

  @Nullable Duration waitHint() {
    return retryAfter;
  }

  /** The exception for the caller, after {@code attempts} attempts. */
  SaltoKsException toException(int attempts) {
    return exception.apply(attempts);
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this; // a carrier between Feign's parts; the caller sees the exception it becomes
  }
}
