package nl.ireserve.saltoks.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One kind of call, named for messages and logs, with what a retry may do to it. Declared beside
 * each Feign endpoint with {@link Call}; read back from the request Feign sends, so the decoder, the
 * error decoder and the retryer all know which call they handle without being told.
 *
 * @param name a short description such as {@code "GET …/sites/{id}/locks (list locks)"}
 * @param command whether the call has an effect (a command is never re-sent once it may have arrived)
 * @param unknownOutcomeAdvice what to check when a command was sent and no answer came
 */
record Operation(String name, boolean command, String unknownOutcomeAdvice) {
  private static final Map<Method, Operation> BY_METHOD = new ConcurrentHashMap<>();
  private static final Operation UNKNOWN = new Operation("a SALTO KS call", true, "");

  /** Declares what an endpoint method is. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface Call {
    /** The name used in messages and logs. */
    String value();

    /** Whether the call has an effect. */
    boolean command() default false;

    /** For a command: what to check when its outcome is unknown. */
    String unknownOutcomeAdvice() default "";
  }

  /** Whether this call is a read (safe to send again). */
  boolean isRead() {
    return !command;
  }

  /**
   * The operation of a request Feign built from an annotated endpoint. An unannotated one is treated
   * as a command, the safe assumption for retries.
   */
  static Operation of(feign.@Nullable Request request) {
    if (request == null || request.requestTemplate() == null
        || request.requestTemplate().methodMetadata() == null) {
      return UNKNOWN;
    }
    Method m = request.requestTemplate().methodMetadata().method();
    return m == null ? UNKNOWN : BY_METHOD.computeIfAbsent(m, Operation::declared);
  }

  private static Operation declared(Method m) {
    Call c = m.getAnnotation(Call.class);
    return c == null ? UNKNOWN : new Operation(c.value(), c.command(), c.unknownOutcomeAdvice());
  }
}
