package nl.ireserve.saltoks;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.ireserve.saltoks.exception.SaltoKsException;
import nl.ireserve.saltoks.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * The event log of one site, the entries ({@code GET /v1.1/sites/{id}/entries}): what happened at each
 * door. Obtained from {@link SiteClient#entries()}. Entries exist only in API version 1.1, so they are read
 * there whatever version the client uses for everything else.
 *
 * <p>Measured (salto-ks-api.md §4.8): entries are stored late (1 to 79 s after the event), in batches and
 * out of order, so "no entry yet" proves nothing, and asking for "newer than the last one seen" misses
 * events: query a time range, and query it again. No public record has yet shown a remote opening in the
 * entries; the shape the spec text suggests ({@code lock_opened}, {@code access_by: remote}, the service
 * account's platform user id) is what {@link #lookForOpening} matches. Failed OTPs never show.
 */
public interface Entries {
  /** {@code event_category} of an opening. */
  String LOCK_OPENED = "lock_opened";
  /** {@code event_category} of a refused opening; its detail says why ({@code no_access}, {@code offline}…). */
  String LOCK_REJECTED = "lock_rejected";
  /** {@code access_by} of a remote opening, as the spec text has it. */
  String BY_REMOTE = "remote";

  /**
   * The entries a query selects, newest first, fetched a page at a time as the stream is consumed (never
   * more pages than needed), ending at the query's limit, at its {@code from}, or at the end of the log.
   * Close the stream, or consume it to its end; it holds no connection between pages.
   *
   * @param query what to read
   * @return the entries
   * @throws SaltoKsException when a page cannot be read (thrown while the stream is consumed)
   */
  Stream<Entry> query(Query query);

  /**
   * The entries a query selects, as a list.
   *
   * @param query what to read
   * @return the entries, newest first
   */
  default List<Entry> list(Query query) {
    try (Stream<Entry> s = query(query)) {
      return s.collect(Collectors.toUnmodifiableList());
    }
  }

  /**
   * The service account's platform user id on this site ({@code GET …/sites/{id}/me} → {@code user.id}):
   * the {@code user_id} its remote openings carry in the entries. Not the site-user id, not the token's
   * subject. Read once per site client.
   *
   * @return the id
   */
  String serviceUserId();

  /**
   * Looks once for the entry of a remote opening: a {@code lock_opened} of the lock, {@code access_by}
   * remote, by the service account, from a little before {@code sentAt} (the host's and SALTO's clocks
   * differ by seconds) to {@code until}. Reads the whole range each time, so an entry stored late and out
   * of order is found on a later look. Never sends anything to the lock.
   *
   * @param lockId the lock's UUID
   * @param sentAt when the open command was sent (just before it)
   * @param until the end of the window to look in; the result is {@link Confirmation.Status#LOOKING}
   *     while it has not passed
   * @param siteLogsRemoteOpenings whether this site has ever shown a remote opening by the service account
   *     in its entries; when not, a window that passed without one is {@link
   *     Confirmation.Status#UNCONFIRMABLE}, not {@link Confirmation.Status#NOT_SEEN}
   * @return what the entries show now
   */
  Confirmation lookForOpening(String lockId, Instant sentAt, Instant until, boolean siteLogsRemoteOpenings);

  /**
   * One entry, with SALTO's raw values kept as they came (an unknown category or detail is kept, not
   * dropped). {@link #toString()} shows no user name.
   *
   * @param id the entry's id
   * @param category {@code event_category}, such as {@link #LOCK_OPENED} or {@link #LOCK_REJECTED}
   * @param detail {@code event_detail}, such as {@code no_access}, {@code suspended}, {@code offline}, or null
   * @param accessBy {@code access_by}, such as {@code tag}, {@code pin_code}, {@code inside_handle},
   *     {@link #BY_REMOTE}, or null
   * @param lockId the lock's UUID, or null
   * @param lockName the lock's name ({@code lock_customer_reference}), or null
   * @param userId the platform user id ({@code user_id}; a sentinel for a PIN the lock does not know), or null
   * @param userName the user's name or alias, or null
   * @param iqId the IQ's UUID, or null
   * @param at when it happened ({@code utc_date_time})
   * @param localTime the site's local time of it ({@code local_date_time}), or null
   */
  record Entry(String id, String category, @Nullable String detail, @Nullable String accessBy,
      @Nullable String lockId, @Nullable String lockName, @Nullable String userId, @Nullable String userName,
      @Nullable String iqId, Instant at, @Nullable LocalDateTime localTime) {
    /** Validates the required fields. */
    public Entry {
      Checks.notNull("id", id);
      Checks.notNull("category", category);
      Checks.notNull("at", at);
    }

    /** Whether this is an opening. */
    public boolean isOpening() {
      return LOCK_OPENED.equals(category);
    }

    /** Whether this is a refused opening. */
    public boolean isRejection() {
      return LOCK_REJECTED.equals(category);
    }

    /** Whether this is a remote opening (by anyone). */
    public boolean isRemoteOpening() {
      return isOpening() && BY_REMOTE.equals(accessBy);
    }

    @Override
    public String toString() {
      return "Entry[" + at + ", " + category + (detail == null ? "" : "/" + detail)
          + (accessBy == null ? "" : " by " + accessBy) + ", lock " + lockName + " (" + lockId + ")]";
    }
  }

  /**
   * What to read: newest first, optionally one lock's and a time range, a page size and a limit.
   * Immutable; each {@code with…} method returns a new query.
   *
   * @param lockId only this lock's entries, or null for every lock
   * @param from only entries at or after this instant, or null
   * @param to only entries before this instant, or null
   * @param pageSize entries per request ({@code $top}), 1 to 1,000
   * @param limit at most this many entries in all, 1 to 100,000
   */
  record Query(@Nullable String lockId, @Nullable Instant from, @Nullable Instant to, int pageSize, int limit) {
    /** Validates the fields. */
    public Query {
      if (lockId != null) {
        lockId = Checks.uuid("lockId", lockId);
      }
      if (from != null && to != null && !from.isBefore(to)) {
        throw new IllegalArgumentException("from must be before to (got from " + from + ", to " + to + ")");
      }
      if (pageSize < 1 || pageSize > 1000) {
        throw new IllegalArgumentException("pageSize must be 1 to 1000, got " + pageSize);
      }
      if (limit < 1 || limit > 100_000) {
        throw new IllegalArgumentException("limit must be 1 to 100000, got " + limit);
      }
    }

    /** Every lock, any time, 100 per page, at most 1,000. */
    public static Query newestFirst() {
      return new Query(null, null, null, 100, 1000);
    }

    /** Only this lock's entries. */
    public Query lock(String lockId) {
      return new Query(Checks.notNull("lockId", lockId), from, to, pageSize, limit);
    }

    /** Only entries in {@code [from, to)}. */
    public Query between(Instant from, Instant to) {
      return new Query(lockId, Checks.notNull("from", from), Checks.notNull("to", to), pageSize, limit);
    }

    /** Only entries at or after {@code from}. */
    public Query since(Instant from) {
      return new Query(lockId, Checks.notNull("from", from), to, pageSize, limit);
    }

    /** Entries per request. */
    public Query pageSize(int pageSize) {
      return new Query(lockId, from, to, pageSize, limit);
    }

    /** At most this many entries. */
    public Query limit(int limit) {
      return new Query(lockId, from, to, pageSize, limit);
    }
  }

  /**
   * What the entries say about one remote opening.
   *
   * @param status what was found
   * @param entry the matching entry when {@link Status#CONFIRMED}
   * @param certainty how sure the match is, when confirmed
   * @param lookAlikes other openings of the same lock in the window (a tag, a PIN code, another user):
   *     evidence that the door opened, not that this command opened it
   * @param sentAt when the command was sent
   * @param until the end of the window
   */
  record Confirmation(Status status, @Nullable Entry entry, @Nullable Certainty certainty, List<Entry> lookAlikes,
      Instant sentAt, Instant until) {
    /** Validates and copies the fields. */
    public Confirmation {
      Checks.notNull("status", status);
      lookAlikes = List.copyOf(lookAlikes);
      if ((status == Status.CONFIRMED) != (entry != null && certainty != null)) {
        throw new IllegalArgumentException("entry and certainty are set exactly when status is CONFIRMED");
      }
    }

    /** What the entries show. */
    public enum Status {
      /** A remote opening of the lock by the service account in the window. */
      CONFIRMED,
      /** None yet, and the window is still open: look again later. */
      LOOKING,
      /** None in the whole window, on a site known to log remote openings. */
      NOT_SEEN,
      /** None in the whole window, on a site that has never shown a remote opening in its entries. */
      UNCONFIRMABLE
    }

    /** How sure a confirmation is. */
    public enum Certainty {
      /** The one remote opening of the lock by the service account in the window. */
      EXACT,
      /** One of several: another command to the same lock in the window may be the one that shows. */
      AMBIGUOUS
    }

    /** The entry's delay after the command, when confirmed. */
    public Optional<Duration> delay() {
      return entry == null ? Optional.empty() : Optional.of(Duration.between(sentAt, entry.at()));
    }

    /** A sentence for a person: what was seen, and what it means. */
    public String explain() {
      switch (status) {
        case CONFIRMED:
          return "The entries show this remote opening by the service account at " + entry.at()
              + (certainty == Certainty.AMBIGUOUS ? " (one of several remote openings of the lock in the window)" : "")
              + ".";
        case LOOKING:
          return "No entry yet; entries arrive up to minutes late, so this proves nothing. Looking until " + until + ".";
        case NOT_SEEN:
          return "No remote opening of the lock by the service account in the entries from " + sentAt + " to "
              + until + ", on a site whose entries show remote openings" + lookAlikeNote();
        default:
          return "No remote opening in the entries, but this site has never shown one there, so their absence"
              + " proves nothing" + lookAlikeNote() + " Ask someone at the door, or check the SALTO KS app.";
      }
    }

    private String lookAlikeNote() {
      return lookAlikes.isEmpty() ? "." : "; " + lookAlikes.size() + " other opening(s) of the lock in the window"
          + " (by " + lookAlikes.stream().map(e -> String.valueOf(e.accessBy())).distinct()
              .collect(Collectors.joining(", ")) + ") show the door opened, not that this command opened it.";
    }
  }
}
