package nl.ireserve.saltoks.testkit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A request the fake server received.
 *
 * @param method the HTTP method
 * @param path the path without query
 * @param route the endpoint it matched
 * @param status the status answered (0 when the connection was reset)
 * @param at the fake server's time
 * @param bodyOutline the request body's fields and their JSON types, without values ({@code
 *     {"use_pin":boolean}}), or null without a body: what a test asserts about the shape sent
 * @param receivedNanos {@link System#nanoTime()} when it arrived, for rates
 */
public record RecordedRequest(String method, String path, FakeRoute route, int status, Instant at,
    @Nullable String bodyOutline, long receivedNanos) {
  /**
   * A request without a body outline, received now.
   *
   * @param method the HTTP method
   * @param path the path
   * @param route the endpoint
   * @param status the status answered (0 for a reset connection)
   * @param at the fake clock's time
   */
  public RecordedRequest(String method, String path, FakeRoute route, int status, Instant at) {
    this(method, path, route, status, at, null, System.nanoTime());
  }
}
