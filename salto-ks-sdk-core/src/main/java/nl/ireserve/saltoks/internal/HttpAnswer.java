package nl.ireserve.saltoks.internal;

import java.util.Collection;
import java.util.Map;
import javax.annotation.Nullable;

/** A whole HTTP answer, read and closed: status, headers (case-insensitive) and body bytes. */
public final class HttpAnswer {
  private final int status;
  private final Map<String, Collection<String>> headers;
  private final byte[] body;

  HttpAnswer(int status, Map<String, Collection<String>> rawHeaders, byte[] body) {
    this.status = status;
    this.headers = rawHeaders; // Feign's map is already case-insensitive; read, never copied
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
    Collection<String> values = headers.get(name);
    if (values == null) {
      for (Map.Entry<String, Collection<String>> e : headers.entrySet()) {
        if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
          values = e.getValue();
          break;
        }
      }
    }
    return values == null || values.isEmpty() ? null : values.iterator().next();
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
