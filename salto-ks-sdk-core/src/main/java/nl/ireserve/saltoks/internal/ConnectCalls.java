package nl.ireserve.saltoks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.Nullable;
import nl.ireserve.saltoks.SaltoApiException;
import nl.ireserve.saltoks.SaltoAuthenticationException;
import nl.ireserve.saltoks.SaltoKsException;
import nl.ireserve.saltoks.SaltoServerException;
import nl.ireserve.saltoks.auth.AccessToken;
import nl.ireserve.saltoks.auth.TokenManager;

/**
 * Authorised Connect API calls: adds the bearer token, on a 401 drops that token and retries once
 * with a fresh one (never more), parses JSON, and follows {@code next_page_link} for lists, only
 * ever to the configured API host.
 */
public final class ConnectCalls {
  private static final int MAX_PAGES = 10_000;

  private final ConnectApi api;
  private final TokenManager tokens;
  private final Transport transport;
  private final ErrorMapper errors;
  private final URI apiUrl;

  ConnectCalls(
      ConnectApi api, TokenManager tokens, Transport transport, ErrorMapper errors, URI apiUrl) {
    this.api = api;
    this.tokens = tokens;
    this.transport = transport;
    this.errors = errors;
    this.apiUrl = apiUrl;
  }

  /** Calls once (plus one retry after a 401) and returns the parsed body, or null when empty. */
  public @Nullable JsonNode call(Operation op, Function<String, feign.Response> send) {
    HttpAnswer answer = authorised(op, send);
    return parse(op, answer);
  }

  /** Reads a whole list, following every page. */
  public List<JsonNode> list(Operation op, Function<String, feign.Response> firstPage) {
    List<JsonNode> all = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    JsonNode page = call(op, firstPage);
    for (int pages = 1; ; pages++) {
      try {
        all.addAll(Json.items(page));
      } catch (Json.MalformedAnswer e) {
        throw malformed(op, e.getMessage());
      }
      Optional<String> next = Json.nextPageLink(page);
      if (next.isEmpty()) {
        return all;
      }
      URI uri = sameHost(op, next.get());
      if (!seen.add(uri.toString()) || pages >= MAX_PAGES) {
        throw new SaltoKsException(
            "SALTO KS answered " + op.name() + " with a next_page_link that repeats or never ends;"
                + " stopped after " + pages + " pages");
      }
      page = call(op, auth -> api.page(uri, auth));
    }
  }

  private URI sameHost(Operation op, String link) {
    URI uri;
    try {
      uri = apiUrl.resolve(new URI(link));
    } catch (Exception e) {
      throw new SaltoKsException(
          "SALTO KS answered " + op.name() + " with a next_page_link that is not a URL");
    }
    boolean same =
        apiUrl.getScheme().equalsIgnoreCase(String.valueOf(uri.getScheme()))
            && apiUrl.getHost().equalsIgnoreCase(String.valueOf(uri.getHost()))
            && port(apiUrl) == port(uri);
    if (!same) {
      throw new SaltoKsException(
          "SALTO KS answered " + op.name() + " with a next_page_link to another host ("
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

  private HttpAnswer authorised(Operation op, Function<String, feign.Response> send) {
    AccessToken token = tokens.token();
    try {
      return transport.execute(op, () -> send.apply(bearer(token)), errors::api);
    } catch (SaltoAuthenticationException e) {
      if (e.status() != 401) {
        throw e;
      }
      tokens.invalidate(token);
      AccessToken fresh = tokens.token();
      return transport.execute(op, () -> send.apply(bearer(fresh)), errors::api);
    }
  }

  private @Nullable JsonNode parse(Operation op, HttpAnswer answer) {
    try {
      return Json.parse(answer.body());
    } catch (IOException e) {
      if (!op.isRead()) {
        return null; // a command's 2xx is its result; an unreadable body does not undo the effect
      }
      throw errors.malformed(op, answer, "not JSON", 1);
    }
  }

  /** Maps one object, turning a malformed one into a server exception. */
  public <T> T mapOne(Operation op, @Nullable JsonNode node, Function<JsonNode, T> mapper) {
    if (node == null || !node.isObject()) {
      throw malformed(op, "no JSON object");
    }
    try {
      return mapper.apply(node);
    } catch (Json.MalformedAnswer e) {
      throw malformed(op, e.getMessage());
    }
  }

  /** Maps every element of a list. */
  public <T> List<T> mapAll(Operation op, List<JsonNode> nodes, Function<JsonNode, T> mapper) {
    List<T> out = new ArrayList<>(nodes.size());
    for (JsonNode n : nodes) {
      out.add(mapOne(op, n, mapper));
    }
    return List.copyOf(out);
  }

  private static SaltoServerException malformed(Operation op, String what) {
    return new SaltoServerException(
        "SALTO KS answered " + op.name() + " with JSON this SDK cannot read (" + what + ")",
        new SaltoApiException.Details(200, null, null, null, null, 1));
  }

  private static String bearer(AccessToken token) {
    return "Bearer " + token.value();
  }

}
