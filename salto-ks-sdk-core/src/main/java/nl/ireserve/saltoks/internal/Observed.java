package nl.ireserve.saltoks.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import nl.ireserve.saltoks.spi.ObservedCall;
import nl.ireserve.saltoks.spi.Observer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a client's {@link Observer} about each call: an endpoint interface wrapped so that
 * each method call (all its attempts) is one {@link ObservedCall}. {@link BoundedClient} counts the
 * attempts and their status in this thread's trace. Without an observer nothing is wrapped.
 */
final class Observed {
  private static final Logger LOG = LoggerFactory.getLogger(Observed.class);
  private static final ThreadLocal<Trace> TRACE = new ThreadLocal<>();

  /** The attempts of the call in progress on this thread. */
  private static final class Trace {
    int attempts;
    int status;
  }

  private Observed() {}

  /** Records one attempt of the call in progress on this thread (status 0: no answer). */
  static void attempt(int status) {
    Trace t = TRACE.get();
    if (t != null) {
      t.attempts++;
      t.status = status;
    }
  }

  /** The endpoint interface, reporting each call to {@code observer}; itself when there is none. */
  @SuppressWarnings("unchecked")
  static <T> T wrap(Class<T> api, T target, Observer observer, boolean signIn) {
    if (observer == Observer.NONE) {
      return target;
    }
    return (T) Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, (proxy, m, args) -> {
      if (m.getDeclaringClass() == Object.class) {
        return m.invoke(target, args);
      }
      Trace outer = TRACE.get();
      Trace trace = new Trace();
      TRACE.set(trace);
      Operation.Call declared = m.getAnnotation(Operation.Call.class);
      try {
        observer.callStarted(name(m, declared), kind(declared, signIn));
      } catch (RuntimeException e) {
        LOG.warn("The client's observer failed ({}); ignored", e.getClass().getName());
      }
      long start = System.nanoTime();
      Throwable failure = null;
      try {
        return m.invoke(target, args);
      } catch (InvocationTargetException e) {
        failure = e.getCause();
        throw failure;
      } finally {
        TRACE.set(outer);
        report(observer, m, signIn, trace, Duration.ofNanos(System.nanoTime() - start), failure);
      }
    });
  }

  private static void report(Observer observer, Method m, boolean signIn, Trace trace,
      Duration took, @Nullable Throwable failure) {
    Operation.Call c = m.getAnnotation(Operation.Call.class);
    try {
      observer.call(new ObservedCall(name(m, c), kind(c, signIn), trace.status, took, trace.attempts,
          failure == null ? null : failure.getClass().getSimpleName()));
    } catch (RuntimeException e) {
      LOG.warn("The client's observer failed ({}); ignored", e.getClass().getName());
    }
  }

  private static String name(Method m, Operation.@Nullable Call c) {
    return c == null ? m.getName() : c.value();
  }

  private static ObservedCall.Kind kind(Operation.@Nullable Call c, boolean signIn) {
    return signIn ? ObservedCall.Kind.SIGN_IN
        : c != null && c.command() ? ObservedCall.Kind.COMMAND : ObservedCall.Kind.READ;
  }

  /** Tells the observer that an IQ's OTPs were suspended. */
  static void otpSuspended(Observer observer, String iqId) {
    tell(() -> observer.otpSuspended(iqId));
  }

  /** Tells the observer that a request waited for its site's limits. */
  static void throttled(Observer observer, String operation, java.time.Duration waited) {
    tell(() -> observer.throttled(operation, waited));
  }

  /** Tells the observer that a request was refused by its site's open circuit. */
  static void circuitOpen(Observer observer, String operation, java.time.Instant retryAt) {
    tell(() -> observer.circuitOpen(operation, retryAt));
  }

  private static void tell(Runnable event) {
    try {
      event.run();
    } catch (RuntimeException e) {
      LOG.warn("The client's observer failed ({}); ignored", e.getClass().getName());
    }
  }
}
