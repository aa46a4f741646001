package nl.ireserve.saltoks.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of text parts, as lower-case hex: names that reveal nothing and always fit. */
final class Digests {
  private Digests() {}

  /** The digest of the parts, each followed by a NUL (so {@code "ab", "c"} and {@code "a", "bc"} differ). */
  static String sha256Hex(String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }
}
