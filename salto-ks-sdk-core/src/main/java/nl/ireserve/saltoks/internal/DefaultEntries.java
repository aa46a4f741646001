package nl.ireserve.saltoks.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nl.ireserve.saltoks.Entries;
import org.jspecify.annotations.Nullable;

/**
 * {@link Entries} of one site: pages of {@code GET /v1.1/sites/{id}/entries} read lazily, newest first,
 * and the look for a remote opening's entry over a whole time range.
 */
final class DefaultEntries implements Entries {
  /** How far before the command an entry may be stamped: the host's and SALTO's clocks differ by seconds. */
  static final Duration CLOCK_MARGIN = Duration.ofSeconds(10);
  private static final String WHAT = "GET /v1.1/sites/{id}/entries (read entries)";

  private final LogPages<Dto.Entry, Entry> log;
  private final ConnectApi reads;
  private final String siteId;
  private final Clock clock;
  private volatile @Nullable String serviceUserId;

  DefaultEntries(V11Api api, ConnectApi reads, String siteId, Clock clock) {
    this.log = new LogPages<>(WHAT, (top, filter, token) -> token == null ? api.entries(siteId, top, filter)
        : api.entriesAfter(siteId, top, filter, token), DefaultEntries::entry, Entry::at, Entry::lockId);
    this.reads = reads;
    this.siteId = siteId;
    this.clock = clock;
  }

  @Override
  public Stream<Entry> query(Query query) {
    return log.stream(query);
  }

  @Override
  public String serviceUserId() {
    String id = serviceUserId;
    if (id == null) {
      Dto.SiteUser me = reads.siteMe(siteId);
      if (me.user() == null || me.user().id() == null || me.user().id().isBlank()) {
        throw Failures.unusableList("SALTO KS answered GET …/sites/{id}/me without the service account's"
            + " platform user id (user.id); remote openings cannot be matched in the entries");
      }
      id = me.user().id();
      serviceUserId = id;
    }
    return id;
  }

  @Override
  public Confirmation lookForOpening(String lockId, Instant sentAt, Instant until, boolean siteLogsRemoteOpenings) {
    String lock = Checks.uuid("lockId", lockId);
    Checks.notNull("sentAt", sentAt);
    Checks.notNull("until", until);
    if (!sentAt.isBefore(until)) {
      throw new IllegalArgumentException("until must be after sentAt (got sentAt " + sentAt + ", until " + until + ")");
    }
    String me = serviceUserId();
    List<Entry> mine = new ArrayList<>();
    List<Entry> lookAlikes = new ArrayList<>();
    Instant to = until.plusMillis(1);
    list(Query.newestFirst().lock(lock).between(sentAt.minus(CLOCK_MARGIN), to).limit(10_000)).stream()
        .filter(Entry::isOpening)
        .forEach(e -> (e.isRemoteOpening() && me.equals(e.userId()) ? mine : lookAlikes).add(e));
    if (!mine.isEmpty()) {
      Entry first = mine.get(mine.size() - 1); // the earliest: newest first
      return new Confirmation(Confirmation.Status.CONFIRMED, first,
          mine.size() == 1 ? Confirmation.Certainty.EXACT : Confirmation.Certainty.AMBIGUOUS, lookAlikes, sentAt, until);
    }
    Confirmation.Status status = clock.instant().isBefore(until) ? Confirmation.Status.LOOKING
        : siteLogsRemoteOpenings ? Confirmation.Status.NOT_SEEN : Confirmation.Status.UNCONFIRMABLE;
    return new Confirmation(status, null, null, lookAlikes, sentAt, until);
  }

  private static Entry entry(Dto.Entry d) {
    return new Entry(d.id(), d.eventCategory() == null ? "" : d.eventCategory(), d.eventDetail(), d.accessBy(),
        d.lockId(), d.lockCustomerReference(), d.userId(), userName(d), d.iqId(), LogPages.instant(d.utcDateTime(), WHAT),
        LogPages.local(d.localDateTime()));
  }

  private static @Nullable String userName(Dto.Entry d) {
    if (d.userAlias() != null && !d.userAlias().isBlank()) {
      return d.userAlias();
    }
    String name = ((d.userFirstName() == null ? "" : d.userFirstName()) + " "
        + (d.userLastName() == null ? "" : d.userLastName())).strip();
    return name.isEmpty() ? null : name;
  }

  @Override
  public String toString() {
    return "Entries[site " + siteId + "]";
  }
}
