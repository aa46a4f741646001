package nl.ireserve.saltoks.testkit;

import java.time.Instant;

/**
 * A remote opening the fake server accepted.
 *
 * @param siteId the site's UUID
 * @param lockId the lock's UUID
 * @param lockName the lock's name
 * @param at the fake server's time of the opening
 */
public record FakeOpening(String siteId, String lockId, String lockName, Instant at) {}
