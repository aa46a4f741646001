package nl.ireserve.saltoks.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import nl.ireserve.saltoks.Entries;
import nl.ireserve.saltoks.exception.SaltoApiException;
import org.jspecify.annotations.Nullable;

/**
 * A SALTO log ({@code GET /v1.1/sites/{id}/entries} or {@code …/incidents}) read a page at a time as a
 * stream is consumed, newest first. The next page is asked for with the continuation token of the last
 * one in the {@code CLP-Continuation-Token} request header (salto-ks-api.md §10). The lock and the time
 * range go to the server as OData {@code $filter} ({@code lock_id eq '…' and utc_date_time ge
 * datetime'…'}), so a busy site is not paged through whole; the syntax SALTO takes there is not
 * published, so a filter it refuses (any 400 on a filtered first page) is dropped for the rest of the
 * log's life and the log is filtered here only. Every item is checked here in any case.
 *
 * @param <D> the wire record
 * @param <T> the public record
 */
final class LogPages<D, T> {
  private static final int MAX_PAGES = 10_000;
  private static final DateTimeFormatter ODATA_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  /** Reads one page: the first when {@code token} is null. */
  @FunctionalInterface
  interface Fetch<D> {
    Dto.LogPage<D> page(int top, @Nullable String filter, @Nullable String token);
  }

  private final String what;
  private final Fetch<D> fetch;
  private final Function<D, T> convert;
  private final Function<T, Instant> at;
  private final Function<T, @Nullable String> lock;
  private final AtomicBoolean serverFilters = new AtomicBoolean(true);

  /**
   * @param what the call, for messages
   * @param fetch reads a page
   * @param convert wire record to public record
   * @param at the public record's time
   * @param lock the public record's lock, or null
   */
  LogPages(String what, Fetch<D> fetch, Function<D, T> convert, Function<T, Instant> at,
      Function<T, @Nullable String> lock) {
    this.what = what;
    this.fetch = fetch;
    this.convert = convert;
    this.at = at;
    this.lock = lock;
  }

  /** The items a query selects, newest first, fetched lazily. */
  Stream<T> stream(Entries.Query query) {
    Checks.notNull("query", query);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new Pages(query),
        Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /** The OData filter of a query, or null when it selects everything. */
  static @Nullable String filter(Entries.Query q) {
    List<String> terms = new ArrayList<>(3);
    if (q.lockId() != null) {
      terms.add("lock_id eq '" + q.lockId() + "'");
    }
    if (q.from() != null) {
      terms.add("utc_date_time ge datetime'" + odata(q.from().truncatedTo(ChronoUnit.SECONDS)) + "'");
    }
    if (q.to() != null) {
      Instant to = q.to().truncatedTo(ChronoUnit.SECONDS);
      terms.add("utc_date_time lt datetime'" + odata(to.equals(q.to()) ? to : to.plusSeconds(1)) + "'");
    }
    return terms.isEmpty() ? null : String.join(" and ", terms);
  }

  private static String odata(Instant t) {
    return ODATA_TIME.format(t.atOffset(ZoneOffset.UTC));
  }

  /** {@code utc_date_time}, with or without its zone designator. */
  static Instant instant(String utc, String what) {
    try {
      return Instant.parse(utc);
    } catch (DateTimeException e) {
      try {
        return LocalDateTime.parse(utc).toInstant(ZoneOffset.UTC);
      } catch (DateTimeException again) {
        throw Failures.unusableList("SALTO KS answered " + what + " with an item whose utc_date_time is not a time");
      }
    }
  }

  /** {@code local_date_time}, informative only: null when it is not a local date-time. */
  static @Nullable LocalDateTime local(@Nullable String local) {
    try {
      return local == null ? null : LocalDateTime.parse(local);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The pages of one query, fetched when the stream needs the next item. */
  private final class Pages implements Iterator<T> {
    private final Entries.Query query;
    private final Deque<T> buffer = new ArrayDeque<>();
    private final Set<String> tokens = new HashSet<>();
    private @Nullable String filter;
    private @Nullable String token;
    private int pages;
    private int handedOut;
    private boolean ended;

    Pages(Entries.Query query) {
      this.query = query;
      this.filter = serverFilters.get() ? filter(query) : null;
    }

    @Override
    public boolean hasNext() {
      while (buffer.isEmpty() && !ended) {
        fetchPage();
      }
      return !buffer.isEmpty();
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      T t = buffer.removeFirst();
      if (++handedOut >= query.limit()) {
        ended = true;
        buffer.clear();
      }
      return t;
    }

    private void fetchPage() {
      Dto.LogPage<D> page = read();
      pages++;
      for (D d : page.items()) {
        T t = convert.apply(d);
        Instant when = at.apply(t);
        if (query.from() != null && when.isBefore(query.from())) {
          ended = true; // newest first: everything after this is older still
          return;
        }
        boolean inRange = query.to() == null || when.isBefore(query.to());
        if (inRange && (query.lockId() == null || query.lockId().equals(lock.apply(t)))) {
          buffer.addLast(t);
        }
      }
      token = page.continuationToken();
      if (token == null || token.isEmpty()) {
        ended = true;
      } else if (!tokens.add(token) || pages >= MAX_PAGES) {
        throw Failures.unusableList("SALTO KS answered " + what + " with a continuation_token that repeats or"
            + " never ends; stopped after " + pages + " pages");
      }
    }

    private Dto.LogPage<D> read() {
      if (pages > 0 || filter == null) {
        return fetch.page(query.pageSize(), filter, token);
      }
      try {
        return fetch.page(query.pageSize(), filter, null);
      } catch (SaltoApiException e) {
        if (e.status() != 400) {
          throw e;
        }
        // SALTO does not take this filter: read unfiltered from now on, filtering here
        serverFilters.set(false);
        filter = null;
        return fetch.page(query.pageSize(), null, null);
      }
    }
  }
}
