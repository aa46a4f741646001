package nl.ireserve.saltoks.internal;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * HTTP resources shared by many clients (one per customer) in one host: one OkHttp connection pool and
 * dispatcher, from which each client derives its own {@code OkHttpClient} with {@code newBuilder()}
 * (its own timeouts, the same pool and threads), and one budget of requests in flight for all of them.
 * Each client keeps its own credentials, tokens, OTP guard, settings and its own bound of requests in
 * flight (its bulkhead) within the budget. Thread-safe.
 */
public final class SharedResources implements AutoCloseable {
  private final OkHttpClient base;
  private final Semaphore budget;
  private final int size;
  private final AtomicInteger clients = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Resources for at most {@code maxConcurrentRequests} requests in flight across every client.
   *
   * @param maxConcurrentRequests 1 to 65,536
   * @param maxIdleConnections idle connections kept for reuse, across every customer's host
   */
  public SharedResources(int maxConcurrentRequests, int maxIdleConnections) {
    this.size = maxConcurrentRequests;
    this.budget = new Semaphore(maxConcurrentRequests, true);
    this.base = new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(maxIdleConnections, 30, TimeUnit.SECONDS))
        .followRedirects(false)
        .followSslRedirects(false)
        .build();
  }

  /** The base every client derives its own OkHttp client from (same pool, same dispatcher). */
  OkHttpClient base() {
    if (closed.get()) {
      throw new IllegalStateException("the shared HTTP resources are closed; create new ones");
    }
    return base;
  }

  /** Requests in flight across every client. */
  Semaphore budget() {
    return budget;
  }

  /** Counts a client that uses these resources. */
  void attach() {
    clients.incrementAndGet();
  }

  /** A client that used these resources closed: it releases nothing shared. */
  void detach() {
    clients.decrementAndGet();
  }

  /** Clients using these resources now. */
  public int clients() {
    return clients.get();
  }

  /** Requests the budget allows in flight. */
  public int size() {
    return size;
  }

  /** Pooled connections (idle or in use) across every client. */
  public int pooledConnections() {
    return base.connectionPool().connectionCount();
  }

  /** Closes the pool and the dispatcher's threads; clients still using them fail from now on. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      base.dispatcher().cancelAll();
      base.dispatcher().executorService().shutdown();
      base.connectionPool().evictAll();
    }
  }
}
