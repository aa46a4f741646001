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
 * @param provenAtLock false for a key whose PIN was changed with a non-zero delta ({@link
 *     IqSetup#activateWithNewPin}, {@link IqSetup#changePin}) until a remote opening with it succeeded: the
 *     cloud can accept such a key while the lock refuses it (measured). Stores keep it, so a restart does not
 *     forget it.
 */
public record IqKey(String iqId, String secret, String pin, boolean provenAtLock) {

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
   * A key not known to be unproven at a lock (every key but one made by a PIN change with a delta).
   *
   * @param iqId the IQ's UUID
   * @param secret the IQ secret
   * @param pin the 4-digit IQ PIN
   */
  public IqKey(String iqId, String secret, String pin) {
    this(iqId, secret, pin, true);
  }

  /**
   * The same key, marked as proven at a lock or not.
   *
   * @param proven whether a remote opening with it succeeded (or it was never changed with a delta)
   * @return the key
   */
  public IqKey withProvenAtLock(boolean proven) {
    return new IqKey(iqId, secret, pin, proven);
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
    return new IqKey(iqId, secret, newPin, provenAtLock);
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
    return "IqKey[iqId=" + iqId + ", secret=****, pin=****" + (provenAtLock ? "" : ", not yet proven at a lock")
        + "]";
  }
}
