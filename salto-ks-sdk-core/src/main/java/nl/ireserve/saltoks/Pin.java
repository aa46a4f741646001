package nl.ireserve.saltoks;

import nl.ireserve.saltoks.internal.Checks;

/**
 * A keypad PIN. {@link #toString()} masks it; read {@link #value()} only to hand it to the guest.
 *
 * @param value the digits
 */
public record Pin(String value) {
  /** Validates the PIN. */
  public Pin {
    Checks.secretText("pin", value, "SALTO answered a PIN request without a PIN");
  }

  /** The PIN with every digit hidden, for showing that one exists (and how long it is). */
  public String masked() {
    return "*".repeat(value.length());
  }

  @Override
  public String toString() {
    return "Pin[******]";
  }
}
