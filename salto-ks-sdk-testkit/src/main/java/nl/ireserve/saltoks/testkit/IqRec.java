package nl.ireserve.saltoks.testkit;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** An IQ, with the service account's secret, PIN and activation. */
final class IqRec {
  public final String id;
  public final String name;
  public String secret;
  /** The PIN the cloud checks OTPs against ({@code PUT …/pin}). */
  public @Nullable String pin;
  /**
   * The PIN the IQ itself checks OTPs against ({@code PATCH …/locking}). Measured: after a PIN
   * change with a real delta the cloud moved on and the IQ did not.
   */
  public @Nullable String lockPin;
  public boolean activated;
  public @Nullable Instant activationDate;
  public boolean online = true;
  public boolean otpEnabled = true;
  /** Wrong OTPs in a row, per command ("locking", "pin"): SALTO was seen to block per command. */
  public final Map<String, Integer> otpFailures = new HashMap<>();
  /** Whether the IQ answers remote opening at all: false while the PIN was never set (activation stopped). */
  public boolean pinSet = true;
  public @Nullable Instant blockedUntil;

  IqRec(String id, String name, String secret, @Nullable String pin, boolean activated) {
    this.id = id;
    this.name = name;
    this.secret = secret;
    this.pin = pin;
    this.lockPin = pin;
    this.activated = activated;
    this.pinSet = activated;
  }
}
