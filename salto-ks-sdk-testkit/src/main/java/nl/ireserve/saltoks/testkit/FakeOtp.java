package nl.ireserve.saltoks.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The fake's own implementation of SALTO's OTP formula (kept apart from the SDK's on purpose, so
 * that a bug in one is caught by the other): MD5 of UTC {@code yyyyMMddHHmmss} + secret + PIN, first
 * five hex digits; accepted within a window around the server's time.
 */
final class FakeOtp {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  private FakeOtp() {}

  static String of(Instant t, String secret, String pin) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      byte[] d =
          md5.digest((STAMP.format(t) + secret + pin).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean matches(String otp, Instant serverNow, Duration lookBack, Duration lookAhead, String secret,
      String pin) {
    long now = serverNow.getEpochSecond();
    for (long s = now - lookBack.getSeconds(); s <= now + lookAhead.getSeconds(); s++) {
      if (of(Instant.ofEpochSecond(s), secret, pin).equals(otp)) {
        return true;
      }
    }
    return false;
  }

  /** SALTO's PIN {@code delta}, digit by digit: new = old − delta (mod 10), as ECC measured. */
  static String applyDelta(String oldPin, String delta) {
    char[] out = new char[4];
    for (int i = 0; i < 4; i++) {
      int o = oldPin.charAt(i) - '0';
      int d = delta.charAt(i) - '0';
      out[i] = (char) ('0' + Math.floorMod(o - d, 10));
    }
    return new String(out);
  }
}
