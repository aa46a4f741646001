package nl.ireserve.saltoks.access;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import nl.ireserve.saltoks.mapping.internal.LocalStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the host's stores (links, IQ keys, guards) from the door-open path with a time limit: a frozen
 * database fails the open closed after the limit instead of holding it until the database wakes (and
 * then opening). A store in this process's memory ({@link LocalStore}) is called directly; any other
 * runs on the service's store executor (the host's, or {@link DefaultPools}), and the caller waits at most
 * the limit.
 *
 * <p>Each service (one per site, so per customer) has its own bulkhead of calls in flight ({@link
 * #PER_SERVICE}): a call that hangs keeps its thread until the database answers (the SDK's own JDBC calls
 * end after their network timeout), so without it one customer's frozen database would take every thread
 * of the shared pool and deny every other customer's doors. Past its bulkhead a service's calls wait for
 * a place within the same time limit, then fail; only its own.
 */
final class StoreCalls {
  private static final Logger LOG = LoggerFactory.getLogger(StoreCalls.class);
  /** Calls in flight of one service at most (its bulkhead within the executor). */
  static final int PER_SERVICE = 64;

  /** A store failed, hung or was busy: the reason to deny with. */
  static final class Failed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient DenialReason reason;

    Failed(DenialReason reason, @Nullable Throwable cause) {
      super(reason.message(), cause, false, false);
      this.reason = reason;
    }
  }

  private final Duration limit;
  private final Executor executor;
  private final Semaphore inFlight = new Semaphore(PER_SERVICE);

  StoreCalls(Duration limit, Executor executor) {
    this.limit = limit;
    this.executor = executor;
  }

  /** Calls {@code work} on {@code store} within the limit; any failure becomes {@link Failed}. */
  <T> T call(String which, Object store, Supplier<T> work) {
    return call(which, store, work, null);
  }

  /**
   * Like {@link #call(String, Object, Supplier)}; when the limit passes first and the call completes
   * later, {@code late} gets its result (to undo a write the caller no longer waits for).
   */
  <T> T call(String which, Object store, Supplier<T> work, @Nullable Consumer<T> late) {
    if (store instanceof LocalStore) {
      try {
        return work.get();
      } catch (RuntimeException e) {
        throw failed(which, e);
      }
    }
    long deadline = System.nanoTime() + limit.toNanos();
    try {
      if (!inFlight.tryAcquire(limit.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new Failed(reason(which, "is busy: " + PER_SERVICE + " calls of this site to the host's stores are"
            + " still waiting (a frozen database?)"), null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failed(reason(which, "was interrupted"), e);
    }
    CompletableFuture<T> result;
    try {
      result = CompletableFuture.supplyAsync(() -> {
        try {
          return work.get();
        } finally {
          inFlight.release(); // when the call ends, not when its caller stops waiting
        }
      }, executor);
    } catch (RejectedExecutionException e) {
      inFlight.release();
      throw new Failed(reason(which, "is busy: the store-call executor refused the call (every thread waits on"
          + " a store, or it is shut down)"), e);
    }
    try {
      return result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      LOG.warn("{} did not answer within {} ms while an opening was prepared; the door stays closed", which,
          limit.toMillis());
      if (late != null) {
        result.thenAccept(late);
      }
      throw new Failed(reason(which, "did not answer within " + limit.toMillis() + " ms"), e);
    } catch (ExecutionException e) {
      throw failed(which, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failed(reason(which, "was interrupted"), e);
    }
  }

  private static Failed failed(String which, Throwable e) {
    if (e instanceof Failed) {
      return (Failed) e;
    }
    LOG.warn("{} failed while an opening was prepared; the door stays closed: {}", which,
        e.getClass().getSimpleName());
    return new Failed(reason(which, "could not be used (" + e.getClass().getSimpleName() + ")"), e);
  }

  private static DenialReason reason(String which, String what) {
    return new DenialReason(DenialReason.Code.STORE_UNAVAILABLE, which + " " + what,
        "Check the host's database; nothing was sent to SALTO. Try again when it answers.", null);
  }
}
