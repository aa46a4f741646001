package nl.ireserve.saltoks.internal;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;

/** A whole HTTP answer, read and closed: status, headers (case-insensitive) and body bytes. */
public final class HttpAnswer {
  private final int status;
  private final Map<String, String> headers;
  private final byte[] body;

  HttpAnswer(int status, Map<String, Collection<String>> rawHeaders, byte[] body) {
    this.status = status;
    this.headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    rawHeaders.forEach(
        (k, v) -> {
          if (k != null && v != null && !v.isEmpty()) {
            headers.put(k.toLowerCase(Locale.ROOT), v.iterator().next());
          }
        });
    this.body = body;
  }

  /** The status code. */
  public int status() {
    return status;
  }

  /** Whether the status is 2xx. */
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** A header's first value. */
  public @Nullable String header(String name) {
    return headers.get(name);
  }

  /** The body; empty when there was none. */
  public byte[] body() {
    return body;
  }

  /** The request id SALTO or a proxy sent back, if any. */
  public @Nullable String requestId() {
    for (String h : new String[] {"x-request-id", "request-id", "x-correlation-id", "x-ms-request-id"}) {
      String v = header(h);
      if (v != null && !v.isBlank() && v.length() <= 128) {
        return v.strip();
      }
    }
    return null;
  }
}
