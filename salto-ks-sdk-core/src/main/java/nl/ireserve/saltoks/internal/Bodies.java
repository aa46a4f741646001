package nl.ireserve.saltoks.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/** Reading a Feign answer's body and headers with bounds, for the decoders. */
final class Bodies {
  /** Far beyond any Connect API answer; a larger body is treated as unreadable. */
  static final int MAX_BODY = 1 << 20;

  private static final byte[] EMPTY = new byte[0];

  private Bodies() {}

  /** The whole body, at most {@code max} bytes; longer bodies read as empty. */
  static byte[] read(feign.Response r, int max) throws IOException {
    if (r.body() == null) {
      return EMPTY;
    }
    Integer length = r.body().length();
    try (InputStream in = r.body().asInputStream()) {
      if (length != null && length >= 0) {
        return length <= max ? in.readNBytes(length) : EMPTY;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
      byte[] buf = new byte[4096];
      int n;
      while (out.size() <= max && (n = in.read(buf, 0, Math.min(buf.length, max + 1 - out.size()))) > 0) {
        out.write(buf, 0, n);
      }
      return out.size() > max ? EMPTY : out.toByteArray();
    }
  }

  /** A header's first value, by case-insensitive name. */
  static @Nullable String header(feign.Response r, String name) {
    Collection<String> values = r.headers().get(name); // Feign's map is case-insensitive
    return values == null || values.isEmpty() ? null : values.iterator().next();
  }

  /** The request id SALTO or a proxy sent back, if any (bounded, for messages). */
  static @Nullable String requestId(feign.Response r) {
    for (String h : new String[] {"x-request-id", "request-id", "x-correlation-id", "x-ms-request-id"}) {
      String v = header(r, h);
      if (v != null && !v.isBlank() && v.length() <= 128) {
        return v.strip();
      }
    }
    return null;
  }
}
