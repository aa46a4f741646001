package nl.ireserve.saltoks.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** One request as the router sees it, and the answer it builds. */
final class FakeExchange {
  /** The request. */
  public record In(
      String method,
      String path,
      Map<String, String> query,
      Function<String, String> header,
      String body,
      String baseUrl) {
    public @Nullable String header(String name) {
      return header.apply(name);
    }
  }

  /** The answer. */
  public record Out(int status, Map<String, String> headers, String body) {
    public static Out json(int status, String body) {
      Map<String, String> h = new LinkedHashMap<>();
      h.put("Content-Type", "application/json; charset=utf-8");
      return new Out(status, h, body);
    }

    public static Out empty(int status) {
      return new Out(status, new LinkedHashMap<>(), "");
    }

    public Out withHeader(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Out(status, h, body);
    }
  }

  private FakeExchange() {}
}
