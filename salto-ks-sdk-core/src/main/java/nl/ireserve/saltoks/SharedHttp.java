package nl.ireserve.saltoks;

import nl.ireserve.saltoks.internal.SharedResources;

/**
 * HTTP resources shared by many clients in one host: one connection pool, one dispatcher, and one
 * budget of requests in flight across all of them, as OkHttp clients derived with {@code newBuilder()}
 * share theirs (no OkHttp type in this API). Give it to each customer's client with {@link
 * SaltoKsClient.Builder#sharedHttp}; close it when the host stops (clients still using it then fail). Thread-safe.
 */
public final class SharedHttp implements AutoCloseable {
  final SharedResources resources; // the client built on it reads it

  private SharedHttp(SharedResources resources) {
    this.resources = resources;
  }

  /**
   * Shared resources for at most {@code maxConcurrentRequests} requests in flight across every client
   * that uses them; up to 64 idle connections (or that budget, if smaller) are kept for reuse.
   *
   * @param maxConcurrentRequests 1 to 65,536
   * @return the resources
   */
  public static SharedHttp create(int maxConcurrentRequests) {
    if (maxConcurrentRequests < 1 || maxConcurrentRequests > 65_536) {
      throw new IllegalArgumentException(
          "maxConcurrentRequests must be 1..65536, got " + maxConcurrentRequests);
    }
    return new SharedHttp(new SharedResources(maxConcurrentRequests, Math.min(64, maxConcurrentRequests)));
  }

  /** Clients built with these resources and not yet closed. */
  public int clients() {
    return resources.clients();
  }

  /** Pooled connections (idle or in use) across every client; for tests and diagnostics. */
  public int pooledConnections() {
    return resources.pooledConnections();
  }

  /** Closes the pool and the dispatcher's threads. */
  @Override
  public void close() {
    resources.close();
  }

  @Override
  public String toString() {
    return "SharedHttp[budget=" + resources.size() + ", clients=" + resources.clients() + "]";
  }
}
