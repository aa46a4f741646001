package nl.ireserve.saltoks.access;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import nl.ireserve.saltoks.Site;

/**
 * Where grants are recorded, per site. Implementations must be thread-safe, and {@link #hold} atomic
 * (also across instances for a shared store). Prove one by extending {@code
 * nl.ireserve.saltoks.contracts.GuestGrantStoreContract}.
 */
public interface GuestGrantStore {
  /**
   * Takes a reservation's record for one operation: creates it from {@code fresh} when there is none,
   * or takes it when nobody holds it or its holder's hold ran out ({@code lease} after it was taken).
   *
   * @param site the site
   * @param fresh the record to create when there is none
   * @param holder who takes it
   * @param now the time
   * @param lease how long a hold lasts without being released
   * @return the record, now held by {@code holder}; empty when another holder has it
   */
  Optional<GuestGrant> hold(Site site, GuestGrant fresh, String holder, Instant now, Duration lease);

  /**
   * Replaces a held record.
   *
   * @param site the site
   * @param grant the record
   */
  void save(Site site, GuestGrant grant);

  /**
   * Lets go of a record held by {@code holder} (another holder's hold is left alone).
   *
   * @param site the site
   * @param reservationId the reservation
   * @param holder who held it
   */
  void release(Site site, String reservationId, String holder);

  /**
   * Removes a record.
   *
   * @param site the site
   * @param reservationId the reservation
   * @return whether one was removed
   */
  boolean delete(Site site, String reservationId);

  /**
   * A reservation's record.
   *
   * @param site the site
   * @param reservationId the reservation
   * @return the record, or empty
   */
  Optional<GuestGrant> find(Site site, String reservationId);

  /**
   * Records whose window ended before an instant.
   *
   * @param site the site
   * @param t the instant
   * @param limit at most this many
   * @return the records, earliest end first
   */
  List<GuestGrant> endedBefore(Site site, Instant t, int limit);

  /**
   * Records in memory: for one instance and for tests.
   *
   * @return a new, empty store
   */
  static GuestGrantStore inMemory() {
    return new InMemoryGrantStore();
  }
}
