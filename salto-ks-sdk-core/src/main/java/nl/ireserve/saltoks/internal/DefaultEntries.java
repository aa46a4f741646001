package nl.ireserve.saltoks.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import nl.ireserve.saltoks.Entries;
import org.jspecify.annotations.Nullable;

/**
 * {@link Entries} of one site: pages of {@code GET /v1.1/sites/{id}/entries} read lazily, newest first,
 * and the look for a remote opening's entry over a whole time range.
 */
final class DefaultEntries implements Entries {
  /** How far before the command an entry may be stamped: the host's and SALTO's clocks differ by seconds. */
  static final Duration CLOCK_MARGIN = Duration.ofSeconds(10);
  private static final int MAX_PAGES = 10_000;
  private static final String WHAT = "GET /v1.1/sites/{id}/entries (read entries)";

  private final V11Api api;
  private final ConnectApi reads;
  private final String siteId;
  private final Clock clock;
  private volatile @Nullable String serviceUserId;

  DefaultEntries(V11Api api, ConnectApi reads, String siteId, Clock clock) {
    this.api = api;
    this.reads = reads;
    this.siteId = siteId;
    this.clock = clock;
  }

  @Override
  public Stream<Entry> query(Query query) {
    Checks.notNull("query", query);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new Pages(query),
        Spliterator.ORDERED | Spliterator.NONNULL), false);
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

  /** The pages of one query, fetched when the stream needs the next entry. */
  private final class Pages implements Iterator<Entry> {
    private final Query query;
    private final Deque<Entry> buffer = new ArrayDeque<>();
    private final Set<String> tokens = new HashSet<>();
    private @Nullable String token;
    private int pages;
    private int handedOut;
    private boolean ended;

    Pages(Query query) {
      this.query = query;
    }

    @Override
    public boolean hasNext() {
      while (buffer.isEmpty() && !ended) {
        fetch();
      }
      return !buffer.isEmpty();
    }

    @Override
    public Entry next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Entry e = buffer.removeFirst();
      if (++handedOut >= query.limit()) {
        ended = true;
        buffer.clear();
      }
      return e;
    }

    private void fetch() {
      Dto.EntryPage page = pages == 0 ? api.first(siteId, query.pageSize())
          : api.next(siteId, query.pageSize(), token);
      pages++;
      for (Dto.Entry d : page.items()) {
        Entry e = entry(d);
        if (query.from() != null && e.at().isBefore(query.from())) {
          ended = true; // newest first: everything after this is older still
          return;
        }
        boolean inRange = query.to() == null || e.at().isBefore(query.to());
        if (inRange && (query.lockId() == null || query.lockId().equals(e.lockId()))) {
          buffer.addLast(e);
        }
      }
      token = page.continuationToken();
      if (token == null || token.isEmpty()) {
        ended = true;
      } else if (!tokens.add(token) || pages >= MAX_PAGES) {
        throw Failures.unusableList("SALTO KS answered " + WHAT + " with a continuation_token that repeats or"
            + " never ends; stopped after " + pages + " pages");
      }
    }
  }

  private static Entry entry(Dto.Entry d) {
    return new Entry(d.id(), d.eventCategory() == null ? "" : d.eventCategory(), d.eventDetail(), d.accessBy(),
        d.lockId(), d.lockCustomerReference(), d.userId(), userName(d), d.iqId(), instant(d.utcDateTime()),
        local(d.localDateTime()));
  }

  private static @Nullable String userName(Dto.Entry d) {
    if (d.userAlias() != null && !d.userAlias().isBlank()) {
      return d.userAlias();
    }
    String name = ((d.userFirstName() == null ? "" : d.userFirstName()) + " "
        + (d.userLastName() == null ? "" : d.userLastName())).strip();
    return name.isEmpty() ? null : name;
  }

  /** {@code utc_date_time}, with or without its zone designator. */
  private static Instant instant(String utc) {
    try {
      return Instant.parse(utc);
    } catch (DateTimeException e) {
      try {
        return LocalDateTime.parse(utc).toInstant(ZoneOffset.UTC);
      } catch (DateTimeException again) {
        throw Failures.unusableList("SALTO KS answered " + WHAT + " with an entry whose utc_date_time is not a"
            + " time");
      }
    }
  }

  private static @Nullable LocalDateTime local(@Nullable String local) {
    try {
      return local == null ? null : LocalDateTime.parse(local);
    } catch (DateTimeException e) {
      return null; // informative only: the instant is utc_date_time
    }
  }

  @Override
  public String toString() {
    return "Entries[site " + siteId + "]";
  }
}
