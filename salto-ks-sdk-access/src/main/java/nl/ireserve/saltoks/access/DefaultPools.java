package nl.ireserve.saltoks.access;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the SDK uses when the host supplies none, shared by every {@link AccessService} of the JVM
 * that uses them and held by reference count: created with the first such service, shut down when the last
 * one closes. Bounded, daemon, and idle threads end after 30 s, so an idle host holds none.
 *
 * <ul>
 *   <li>store calls: up to {@value #STORE_THREADS} threads for the door-open path's calls to stores outside
 *       this process (each service has its own bulkhead within them, see {@code StoreCalls});
 *   <li>a scheduler of {@value #SCHEDULER_THREADS} threads for the later looks at the entries that confirm an
 *       opening.
 * </ul>
 */
final class DefaultPools {
  /** Store calls of every service at once at most; beyond it calls fail at once (their service denies). */
  static final int STORE_THREADS = 512;
  static final int SCHEDULER_THREADS = 2;
  private static final long IDLE_SECONDS = 30;

  private static int users;
  private static ExecutorService storeCalls;
  private static ScheduledExecutorService scheduler;

  /** The pools of one service, released once by {@link #release()}. */
  static final class Lease {
    private final ExecutorService storeCalls;
    private final ScheduledExecutorService scheduler;
    private boolean released;

    private Lease(ExecutorService storeCalls, ScheduledExecutorService scheduler) {
      this.storeCalls = storeCalls;
      this.scheduler = scheduler;
    }

    ExecutorService storeCalls() {
      return storeCalls;
    }

    ScheduledExecutorService scheduler() {
      return scheduler;
    }

    /** Gives the pools back; the last lease shuts them down. Idempotent. */
    void release() {
      synchronized (DefaultPools.class) {
        if (released) {
          return;
        }
        released = true;
        if (--users == 0) {
          DefaultPools.storeCalls.shutdown(); // running calls finish; their callers stopped waiting already
          DefaultPools.scheduler.shutdownNow(); // pending looks are dropped: the journal keeps the attempt
          DefaultPools.storeCalls = null;
          DefaultPools.scheduler = null;
        }
      }
    }
  }

  private DefaultPools() {}

  /** Takes a lease on the shared pools, creating them when no service holds one. */
  static synchronized Lease acquire() {
    if (users++ == 0) {
      ThreadPoolExecutor calls = new ThreadPoolExecutor(0, STORE_THREADS, IDLE_SECONDS, TimeUnit.SECONDS,
          new SynchronousQueue<>(), daemon("saltoks-store-"));
      ScheduledThreadPoolExecutor looks = new ScheduledThreadPoolExecutor(SCHEDULER_THREADS, daemon("saltoks-confirm-"));
      looks.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
      looks.allowCoreThreadTimeOut(true);
      looks.setRemoveOnCancelPolicy(true);
      looks.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      storeCalls = calls;
      scheduler = looks;
    }
    return new Lease(storeCalls, scheduler);
  }

  /** How many services hold the shared pools now (for tests). */
  static synchronized int users() {
    return users;
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
