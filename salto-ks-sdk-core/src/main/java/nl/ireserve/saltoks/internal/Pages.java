package nl.ireserve.saltoks.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a whole list by following {@code next_page_link}, only ever to the configured API host (the
 * access token must never go anywhere else), and never in a circle.
 */
final class Pages {
  private static final int MAX_PAGES = 10_000;

  private Pages() {}

  /**
   * Every item of every page.
   *
   * @param what the list, for messages
   * @param first the first page
   * @param next fetches the page behind a link
   * @param apiUrl the API's base URL; links to another host are refused
   */
  static <T> List<T> all(String what, Dto.Page<T> first, Function<URI, Dto.Page<T>> next, URI apiUrl) {
    List<T> all = new ArrayList<>(first.items());
    Set<String> seen = new HashSet<>();
    Dto.Page<T> page = first;
    for (int pages = 1; page.nextPageLink() != null; pages++) {
      URI uri = sameHost(what, page.nextPageLink(), apiUrl);
      if (!seen.add(uri.toString()) || pages >= MAX_PAGES) {
        throw Failures.unusableList("SALTO KS answered " + what + " with a next_page_link that repeats or never"
            + " ends; stopped after " + pages + " pages");
      }
      page = next.apply(uri);
      all.addAll(page.items());
    }
    return List.copyOf(all);
  }

  private static URI sameHost(String what, String link, URI apiUrl) {
    URI uri;
    try {
      uri = apiUrl.resolve(new URI(link));
    } catch (Exception e) {
      throw Failures.unusableList("SALTO KS answered " + what + " with a next_page_link that is not a URL");
    }
    boolean same =
        apiUrl.getScheme().equalsIgnoreCase(String.valueOf(uri.getScheme()))
            && apiUrl.getHost().equalsIgnoreCase(String.valueOf(uri.getHost()))
            && port(apiUrl) == port(uri);
    if (!same) {
      throw Failures.unusableList("SALTO KS answered " + what + " with a next_page_link to another host ("
          + uri.getHost() + "); the access token is only ever sent to " + apiUrl.getHost());
    }
    return uri;
  }

  private static int port(URI u) {
    if (u.getPort() != -1) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }
}
