package nl.ireserve.saltoks.testkit.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import javax.annotation.Nullable;

/** One request as the router sees it, and the answer it builds. */
final class FakeExchange {
  /** The request. */
  record In(
      String method,
      String path,
      Map<String, String> query,
      Function<String, String> header,
      String body,
      String baseUrl) {
    @Nullable String header(String name) {
      return header.apply(name);
    }
  }

  /** The answer. */
  record Out(int status, Map<String, String> headers, String body) {
    static Out json(int status, String body) {
      Map<String, String> h = new LinkedHashMap<>();
      h.put("Content-Type", "application/json; charset=utf-8");
      return new Out(status, h, body);
    }

    static Out empty(int status) {
      return new Out(status, new LinkedHashMap<>(), "");
    }

    Out withHeader(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Out(status, h, body);
    }
  }

  private FakeExchange() {}
}
