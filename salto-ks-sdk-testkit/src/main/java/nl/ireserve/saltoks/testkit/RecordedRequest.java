package nl.ireserve.saltoks.testkit;

import java.time.Instant;

/**
 * A request the fake server received.
 *
 * @param method the HTTP method
 * @param path the path without query
 * @param route the endpoint it matched
 * @param status the status answered (0 when the connection was reset)
 * @param at the fake server's time
 */
public record RecordedRequest(String method, String path, Route route, int status, Instant at) {}
