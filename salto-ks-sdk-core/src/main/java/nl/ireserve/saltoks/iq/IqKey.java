package nl.ireserve.saltoks.iq;

import java.time.Instant;
import java.util.Objects;
import nl.ireserve.saltoks.internal.Checks;
import nl.ireserve.saltoks.internal.Otp;

/**
 * What a one-time password is computed from: the IQ's secret and the PIN the service account chose
 * for that IQ. Both are per user per IQ (manual 1.4). Store them encrypted; {@link #toString()} shows
 * neither.
 *
 * @param iqId the IQ's UUID
 * @param secret the IQ secret fetched once before activation
 * @param pin the 4-digit IQ PIN
 */
public record IqKey(String iqId, String secret, String pin) {

  /** Validates the fields: a UUID, a non-blank secret without whitespace, a 4-digit PIN. */
  public IqKey {
    iqId = Checks.uuid("iqId", iqId);
    Checks.secretText("secret", secret, "use the secret fetched when the IQ was activated");
    if (secret.chars().anyMatch(Character::isWhitespace) || secret.length() > 256) {
      throw new IllegalArgumentException(
          "secret must be a single word of at most 256 characters (the IQ secret is 16 characters)");
    }
    requirePin("pin", pin);
  }

  /**
   * Checks that a PIN has exactly four digits; the PIN itself is never echoed.
   *
   * @param field the field name for the message
   * @param pin the PIN to check
   * @return the PIN
   */
  public static String requirePin(String field, String pin) {
    Checks.notNull(field, pin);
    if (!pin.matches("[0-9]{4}")) {
      throw new IllegalArgumentException(
          field + " must be exactly 4 digits (it has " + pin.length() + " characters)");
    }
    return pin;
  }

  /**
   * The same IQ with another PIN.
   *
   * @param newPin the new 4-digit PIN
   * @return a new key
   */
  public IqKey withPin(String newPin) {
    return new IqKey(iqId, secret, newPin);
  }

  /**
   * The one-time password of this key at an instant: the UTC time as {@code yyyyMMddHHmmss} (whole
   * seconds), followed by the IQ secret and the IQ PIN, hashed with MD5; the first five lower-case hex
   * digits. SALTO accepts a code for about three minutes. The client computes it itself at SALTO's
   * time; this is for tools and tests.
   *
   * @param time the instant
   * @return five lower-case hex characters; never log it
   */
  public String otpAt(Instant time) {
    return Otp.compute(Objects.requireNonNull(time, "time"), secret, pin);
  }

  @Override
  public String toString() {
    return "IqKey[iqId=" + iqId + ", secret=****, pin=****]";
  }
}
