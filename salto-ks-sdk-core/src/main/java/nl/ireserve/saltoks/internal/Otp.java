package nl.ireserve.saltoks.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * SALTO KS one-time passwords for an IQ: the UTC time as {@code yyyyMMddHHmmss} (whole seconds),
 * followed by the IQ secret and the IQ PIN, hashed with MD5; the first five lower-case hex digits.
 * SALTO accepts a code for about three minutes.
 *
 * <p>Stateless and thread-safe. Reached through {@link nl.ireserve.saltoks.iq.IqKey#otpAt}.
 */
public final class Otp {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  /** One digest per thread: MessageDigest is not thread-safe, and getInstance costs more than MD5. */
  private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(Otp::newMd5);

  private Otp() {}

  /**
   * Computes the one-time password from its parts.
   *
   * @param time the instant
   * @param secret the IQ secret
   * @param pin the IQ PIN
   * @return five lower-case hex characters
   */
  public static String compute(Instant time, String secret, String pin) {
    byte[] digest = MD5.get().digest(message(time, secret, pin));
    char[] out = new char[5];
    for (int i = 0; i < 5; i++) {
      int b = digest[i / 2] & 0xff;
      out[i] = HEX[(i % 2 == 0) ? b >>> 4 : b & 0x0f];
    }
    return new String(out);
  }

  private static byte[] message(Instant time, String secret, String pin) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(time.getEpochSecond(), 0, ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder(14 + secret.length() + pin.length());
    sb.append(t.getYear());
    two(sb, t.getMonthValue());
    two(sb, t.getDayOfMonth());
    two(sb, t.getHour());
    two(sb, t.getMinute());
    two(sb, t.getSecond());
    sb.append(secret).append(pin);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void two(StringBuilder sb, int v) {
    sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  private static MessageDigest newMd5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no MD5, which every Java platform must have", e);
    }
  }
}
